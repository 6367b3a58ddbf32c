import ArgumentParser
import Foundation
import PartyModel
import PartyStore

extension GeneratorPreset: ExpressibleByArgument {}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "生成规模测试工作区 / Write a deterministic synthetic workspace (town ≈ 30 branches … city ≈ 10,000).")

    @Argument(help: ArgumentHelp("新目录 / A new directory.", valueName: "DIR")) var directory: String
    @Option(name: .long, help: "town|college|county|city") var preset: GeneratorPreset
    @Option(name: .long, help: "随机种子 / Seed.") var seed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: ArgumentHelp("数据截止日期 / Data up to this day (default 2026-11-21, so the same seed gives the same bytes).", valueName: "DATE"))
    var asOf: String = "2026-11-21"

    func validate() throws { _ = try parseAsOf(asOf) }

    func run() throws {
        let day = try parseAsOf(asOf)
        let ws = WorkspaceGenerator.make(preset, seed: seed, asOf: day)
        let path = DataLocationPath.absolute(directory)
        do { try WorkspaceStore(directory: path).create(ws) } catch { throw CLIFailure(message: error.message(.zh)) }
        Output.line("\(path): \(ws.organisation.branches.count) branches, \(ws.members.count) members, \(ws.activities.count) activities, \(ws.checks.count) checks, \(ws.rectifications.count) rectifications")
    }
}
