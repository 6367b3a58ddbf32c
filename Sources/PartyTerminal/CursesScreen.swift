import CNCursesW
import Foundation
import PartyTUI

/// The terminal through ncursesw: shows canvases (writing only what changed) and reads keys.
/// Everything ncurses-specific stays in this file.
public final class CursesScreen {
    public private(set) var width: Int
    public private(set) var height: Int
    private var shown: Canvas?
    private var attributes: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
    public let depth: ColorDepth
    /// Set when the screen writes to a file instead of the terminal (benchmarks).
    private var screenHandle: OpaquePointer?

    /// `output`: a file to write the terminal bytes to instead of the real terminal (benchmarks),
    /// with a terminal type and a size.
    public init(theme: Theme, noColor: Bool, output: (file: UnsafeMutablePointer<FILE>, term: String, width: Int, height: Int)? = nil) {
        Locale_.ensureUTF8()
        // The real window size from the terminal, even when a shell exported $LINES/$COLUMNS once.
        // (use_env(false) would fall back to terminfo's fixed 80×24.)
        unsetenv("LINES")
        unsetenv("COLUMNS")
        use_tioctl(true)
        if let output {
            setenv("LINES", String(output.height), 1)
            setenv("COLUMNS", String(output.width), 1)
            use_env(true)
            use_tioctl(false)
            screenHandle = newterm(output.term, output.file, fopen("/dev/null", "r"))
            set_term(screenHandle)
        } else {
            initscr()
        }
        TerminalGuard.install()
        cbreak()
        noecho()
        nonl()
        intrflush(pd_stdscr(), false)
        keypad(pd_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        // COLORS is known only after start_color().
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
        }
        depth = ColorDepth.detect(colors: Int(pd_colors()), hasColors: has_colors(), noColor: noColor)
        width = Int(pd_cols())
        height = Int(pd_lines())
        apply(theme)
    }

    /// Pairs and attributes for every role at the terminal's colour depth.
    public func apply(_ theme: Theme) {
        let adapted = theme.adapted(to: depth)
        for (i, role) in StyleRole.allCases.enumerated() {
            let style = adapted.style(role)
            var attr = pd_a_normal()
            if style.bold { attr |= pd_a_bold() }
            if style.underline { attr |= pd_a_underline() }
            if style.reverse { attr |= pd_a_reverse() }
            if style.dim { attr |= pd_a_dim() }
            var pair: Int16 = 0
            if depth > .mono, Int(pd_color_pairs()) > i + 1 {
                pair = Int16(i + 1)
                let fg = style.foreground.map { Int16(Palette.index($0, depth: depth)) } ?? -1
                let bg = style.background.map { Int16(Palette.index($0, depth: depth)) } ?? -1
                init_pair(pair, fg, bg)
            }
            attributes[role] = (attr, pair)
        }
        shown = nil
    }

    /// Re-reads the size after KEY_RESIZE.
    public func updateSize() {
        width = Int(pd_cols())
        height = Int(pd_lines())
        shown = nil
        clearok(pd_stdscr(), true)
    }

    /// Writes the cells that differ from the last frame. A row whose wide glyphs changed is written
    /// whole, so no half glyph is left behind. Returns the number of cells written.
    @discardableResult
    public func draw(_ canvas: Canvas) -> Int {
        var written = 0
        if shown.map({ $0.width != canvas.width || $0.height != canvas.height }) ?? true { werase(pd_stdscr()) }
        for run in canvas.changes(since: shown) {
            var text: [wchar_t] = []
            for cell in run.cells { Self.appendDrawn(cell, to: &text) }
            written += run.width
            let style = attributes[run.role] ?? (pd_a_normal(), 0)
            wattr_set(pd_stdscr(), style.attr, style.pair, nil)
            text.withUnsafeBufferPointer { buffer in
                _ = mvwaddnwstr(pd_stdscr(), Int32(run.y), Int32(run.x), buffer.baseAddress, Int32(buffer.count))
            }
        }
        if let cursor = canvas.cursor {
            wmove(pd_stdscr(), Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(pd_stdscr())
        shown = canvas
        return written
    }

    /// The code points that show a cell. ncurses measures scalar by scalar (wcwidth), so a grapheme it
    /// would measure otherwise than the canvas did (an emoji joined by ZWJ: three glyphs of width 2 to
    /// ncurses, one to the canvas) is drawn as its first scalar, padded to the cell's width: the glyph
    /// is simplified, and every column after it stays where the canvas put it.
    static func appendDrawn(_ cell: Cell, to run: inout [wchar_t]) {
        let scalars = cell.text.unicodeScalars
        if cell.text.utf8.count == 1 || cell.text.count != 1 || DisplayWidth.scalarSum(Character(cell.text)) == Int(cell.width) {
            for scalar in scalars { run.append(wchar_t(bitPattern: scalar.value)) }
            return
        }
        let first = scalars.first!
        run.append(wchar_t(bitPattern: first.value))
        for _ in 0..<max(0, Int(cell.width) - DisplayWidth.of(first)) { run.append(wchar_t(bitPattern: 0x20)) }
    }

    /// Waits up to `milliseconds` (negative: forever) for a key.
    public func readKey(timeout milliseconds: Int32) -> KeyEvent? {
        wtimeout(pd_stdscr(), milliseconds)
        var value: wint_t = 0
        let result = wget_wch(pd_stdscr(), &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            switch Int32(value) {
            case KEY_RESIZE: return .resize
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            default: return nil
            }
        }
        switch value {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)), value >= 32 else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    public func shutdown() {
        TerminalGuard.restore()
    }
}

public enum KeyEvent: Equatable {
    case key(Key)
    case resize
}

/// ncurses needs a UTF-8 locale for Chinese; a C locale garbles it.
public enum Locale_ {
    public static func ensureUTF8() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
    }
}
