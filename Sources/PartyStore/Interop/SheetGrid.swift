import Foundation
import PartyModel

/// A sheet as read from a file, before any column is known: its rows, each with the number a
/// person finds it by (the line of a CSV, the row of a workbook), and the merged ranges of a
/// workbook. Every reader (CSV, tab text, .xlsx) gives one; the import reads only this.
public struct SheetGrid: Sendable {
    /// A workbook's sheet name (nil for text files): said in messages beside the row.
    public var name: String?
    public var rows: [(line: Int, fields: [String])]
    /// Merged cells (.xlsx): the value sits in the first cell of the range, the others are empty.
    public var merges: [MergedRange]

    public init(name: String? = nil, rows: [(line: Int, fields: [String])], merges: [MergedRange] = []) {
        self.name = name; self.rows = rows; self.merges = merges
    }

    /// A CSV (`,`) or tab-separated text (`\t`: Excel's "Unicode 文本" save).
    public static func text(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(CSV.ParseError) -> SheetGrid {
        SheetGrid(rows: try CSV.parse(text, separator: separator))
    }
}

/// A merged range: rows by the numbers `SheetGrid.rows` carry (as a person reads them), columns
/// from 0 (A = 0).
public struct MergedRange: Equatable, Sendable {
    public var rows: ClosedRange<Int>
    public var columns: ClosedRange<Int>
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) { self.rows = rows; self.columns = columns }
}
