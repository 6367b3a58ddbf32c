import PartyModel

/// Named style roles: views say what a cell is, themes say how it looks.
public enum StyleRole: String, CaseIterable, Sendable {
    case text, muted, title, border, header, selected, good, fair, warn, bad, accent
    case tab, tabActive, status, statusAccent, badge, barFilled, barEmpty, dialog, input
}

/// One terminal cell. A wide glyph occupies its cell (width 2) and the next (width 0, empty text).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: Int8
    public var role: StyleRole

    public static let blank = Cell(text: " ", width: 1, role: .text)
    public init(text: String, width: Int8, role: StyleRole) { self.text = text; self.width = width; self.role = role }
}

/// A grid of cells the views draw into. Pure: the terminal backend shows it.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the text cursor shows (a form field being edited); nil hides it.
    public var cursor: (x: Int, y: Int)?

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public init(width: Int, height: Int, role: StyleRole = .text) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", width: 1, role: role), count: self.width * self.height)
    }

    public subscript(x x: Int, y y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` on row `y`, at most `maxWidth` columns (default: to the edge),
    /// cut with `..` when longer. Returns the columns written. Control characters and bidi overrides
    /// are drawn visibly (`TerminalText`) before the text is measured and cut, so no cell ever holds one.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width - max(0, x), maxWidth ?? width)
        guard limit > 0 else { return 0 }
        let shown = DisplayWidth.truncate(TerminalText.visible(text), to: limit)
        var column = x
        for ch in shown {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                // Combining marks join the previous glyph.
                if column > x { append(ch, toCellBefore: column, y: y) }
                continue
            }
            if column < 0 { column += w; continue }
            if column + w > x + limit { break }
            set(x: column, y: y, Cell(text: String(ch), width: Int8(w), role: role))
            if w == 2 { set(x: column + 1, y: y, Cell(text: "", width: 0, role: role)) }
            column += w
        }
        return column - x
    }

    /// Fills a rectangle with spaces of a role; what lies off the canvas is left out.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole) {
        let rows = max(0, y)..<max(max(0, y), min(height, y + h))
        let cols = max(0, x)..<max(max(0, x), min(width, x + w))
        for row in rows {
            for col in cols { set(x: col, y: row, Cell(text: " ", width: 1, role: role)) }
        }
    }

    /// Pads the rest of a span with spaces of a role (used for highlighted rows).
    public mutating func paint(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<max(max(0, x), min(width, x + w)) {
            var cell = cells[y * width + col]
            cell.role = role
            cells[y * width + col] = cell
        }
    }

    /// An ASCII frame (ambiguous-width box characters would break alignment on CJK terminals).
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole, title: String? = nil) {
        guard w >= 2, h >= 2 else { return }
        let horizontal = "+" + String(repeating: "-", count: w - 2) + "+"
        put(horizontal, x: x, y: y, role: role)
        put(horizontal, x: x, y: y + h - 1, role: role)
        for row in (y + 1)..<(y + h - 1) {
            put("|", x: x, y: row, role: role)
            put("|", x: x + w - 1, y: row, role: role)
        }
        if let title, w > 6 { put(" \(title) ", x: x + 2, y: y, role: .title, maxWidth: w - 4) }
    }

    /// The text of a row as shown (wide glyphs once, no continuation cells).
    public func row(_ y: Int) -> String {
        (0..<width).reduce(into: "") { out, x in out += self[x: x, y: y].text }
    }

    public var lines: [String] { (0..<height).map(row) }

    private mutating func set(x: Int, y: Int, _ cell: Cell) {
        guard x >= 0, x < width else { return }
        let i = y * width + x
        // Overwriting half of a wide glyph blanks its other half.
        if cells[i].width == 0, x > 0, cells[i - 1].width == 2 { cells[i - 1] = Cell(text: " ", width: 1, role: cells[i - 1].role) }
        if cells[i].width == 2, x + 1 < width, cell.width != 2 { cells[i + 1] = Cell(text: " ", width: 1, role: cells[i + 1].role) }
        // A wide glyph in the last column cannot show: a space instead.
        if cell.width == 2 && x + 1 >= width { cells[i] = Cell(text: " ", width: 1, role: cell.role); return }
        cells[i] = cell
    }

    private mutating func append(_ ch: Character, toCellBefore column: Int, y: Int) {
        var x = column - 1
        while x > 0 && cells[y * width + x].width == 0 { x -= 1 }
        guard x >= 0 else { return }
        cells[y * width + x].text.append(ch)
    }
}

/// A stretch of one row to write: cells of one role, continuation cells of wide glyphs left out
/// (the terminal advances past them by itself).
public struct CanvasRun: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var role: StyleRole
    public var cells: [Cell]
    /// Columns the run covers.
    public var width: Int { cells.reduce(0) { $0 + Int($1.width) } }
}

extension Canvas {
    /// What to write to turn a screen showing `previous` into this canvas (ratatui's `Buffer::diff`):
    /// the changed cells, grouped into runs of one role. A row where a wide glyph appears, goes or
    /// moves is written whole, so no half glyph is left behind; with no previous canvas, or one of
    /// another size, everything is written.
    public func changes(since previous: Canvas?) -> [CanvasRun] {
        let previous = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        var runs: [CanvasRun] = []
        for y in 0..<height {
            var rowChanged = previous == nil
            var wideChanged = previous == nil
            if let previous {
                for x in 0..<width {
                    let (new, old) = (self[x: x, y: y], previous[x: x, y: y])
                    if new == old { continue }
                    rowChanged = true
                    if new.width != 1 || old.width != 1 { wideChanged = true; break }
                }
            }
            guard rowChanged else { continue }
            var x = 0
            while x < width {
                let cell = self[x: x, y: y]
                let changed = wideChanged || previous![x: x, y: y] != cell
                guard changed, cell.width != 0 else { x += 1; continue }
                var run = CanvasRun(x: x, y: y, role: cell.role, cells: [])
                while x < width {
                    let c = self[x: x, y: y]
                    if c.width == 0 { x += 1; continue }
                    guard wideChanged || previous![x: x, y: y] != c, c.role == cell.role else { break }
                    run.cells.append(c)
                    x += Int(c.width)
                }
                runs.append(run)
            }
        }
        return runs
    }
}
