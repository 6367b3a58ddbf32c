import ArgumentParser
import Foundation
import PartyModel
import PartyTUI
import PartyStore

/// Options of the commands that report figures: workspace, as-of day, output format.
struct ReportOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup var day: AsOfOption

    @Option(name: .long, help: "text|json|csv")
    var format: OutputFormat = .text

    var lang: Language { workspace.lang }

    func asOf() throws -> Day { try day.value() }
}

/// `--as-of DATE`: the day taken as today for overdue, progress and counted quarters (default: today).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("视为\"今天\"的日期, 用于逾期和进度 / The day taken as today.", valueName: "DATE"))
    var text: String?

    func value() throws -> Day { try parseAsOf(text) }
}

/// Year and optional quarter options.
struct PeriodOptions: ParsableArguments {
    @Option(name: .long, help: "年度 / Year (default: the workspace's current year).")
    var year: Int?

    @Option(name: .long, help: "季度 1-4 / Quarter.")
    var quarter: Int?

    func validate() throws {
        if let quarter, !(1...4).contains(quarter) { throw ValidationError("--quarter 应为 1-4 / must be 1-4") }
    }
}

extension TextTable {
    /// The table as a sheet: the header and the cells of text columns as text (neutralised where a
    /// spreadsheet would run them), those of number columns as numbers.
    var csvRows: [[CSV.Cell]] {
        [columns.map { .text($0.title) }] + rows.map { row in
            row.enumerated().map { c, text in c < columns.count && columns[c].isNumber ? .number(formatted: text) : .text(text) }
        }
    }
}

/// Prints rows as an aligned text table or as RFC 4180 CSV, or a value as JSON.
enum Output {
    static func emit(_ table: TextTable, format: OutputFormat, title: String? = nil, footer: [String] = []) {
        switch format {
        case .csv:
            print(CSV.render(table.csvRows), terminator: "")
        default:
            if let title { print(title) }
            print(table.render())
            for line in footer { print(line) }
        }
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// 2 decimals, trailing zeros kept for totals (84.10).
    static func points(_ value: Double) -> String { String(format: "%.2f", roundHalfUp2(value)) }
    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
}

