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

    @Flag(name: .long, help: "数据未通过检查时不输出 / Refuse to report figures from a workspace that fails validation.")
    var strict = false

    var lang: Language { workspace.lang }

    /// The workspace, and the count of its validation problems: said on stderr (unless the output
    /// is JSON that carries the count: `countInJSON`), refused with --strict.
    func openForFigures(countInJSON: Bool = false) throws -> (opened: OpenedWorkspace, problems: Int) {
        try workspace.openForFigures(strict: strict, quiet: countInJSON && format == .json)
    }

    func asOf() throws -> Day { try day.value() }
}

/// `--as-of DATE`: the day taken as today for overdue, progress and counted quarters (default: today).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("视为\"今天\"的日期, 用于逾期和进度 / The day taken as today.", valueName: "DATE"))
    var text: String?

    func value() throws -> Day { try parseAsOf(text) }

    /// A bad date is a usage error of the command it was given to: checked while parsing, so the
    /// message comes with that command's usage, not the top-level one.
    func validate() throws { _ = try value() }
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

/// Everything the command line prints goes through here, so no text from the data reaches a terminal
/// as a control sequence (DESIGN §6): text through `TerminalText`, JSON with every unsafe code point
/// escaped (the same value, decoded), CSV exact into a pipe or file and shown visibly on a terminal.
enum Output {
    static func emit(_ table: TextTable, format: OutputFormat, title: String? = nil, footer: [String] = []) {
        switch format {
        case .csv:
            csv(table.csvRows)
        default:
            if let title { line(title) }
            line(table.render())
            for text in footer { line(text) }
        }
    }

    /// A message or report to standard output; the program's own line breaks are kept.
    static func line(_ text: String) {
        print(TerminalText.visible(text, keeping: ["\n"]))
    }

    /// A message to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.visible(text, keeping: ["\n"]) + "\n").utf8))
    }

    /// CSV rows: exact bytes when the output is a file or a pipe (a sheet), shown visibly on a terminal.
    static func csv(_ rows: [[CSV.Cell]]) {
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let shown = onTerminal ? rows.map { $0.map { $0.isNumber ? $0 : .text(TerminalText.visible($0.value)) } } : rows
        print(CSV.render(shown), terminator: "")
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        jsonText(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A JSON text, with every unsafe code point (DEL, C1, bidi controls, and raw C0 in a hand-edited
    /// line) written as a `\\uXXXX` escape: still the same JSON value, and inert on a terminal.
    static func jsonText(_ text: String) {
        guard TerminalText.needsEscaping(text) else { print(text); return }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar != "\n", TerminalText.isUnsafe(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        print(out)
    }

    /// 2 decimals, trailing zeros kept for totals (84.10).
    static func points(_ value: Double) -> String { String(format: "%.2f", roundHalfUp2(value)) }
    static func percent(_ value: Double) -> String { formatPercent(value) }
}

