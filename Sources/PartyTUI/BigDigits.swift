/// Large figures for the wall display, drawn with cells of a filled role (no block characters,
/// which are ambiguous-width on CJK terminals). A 3×5 font, scaled.
enum BigDigits {
    static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
        "%": ["# #", "  #", " # ", "#  ", "# #"], ".": ["   ", "   ", "   ", "   ", " # "],
        "/": ["  #", "  #", " # ", "#  ", "#  "], "-": ["   ", "   ", "###", "   ", "   "],
        " ": ["   ", "   ", "   ", "   ", "   "],
    ]

    /// Columns a text takes at a scale (each font pixel is 2×scale columns wide, scale rows high).
    static func width(_ text: String, scale: Int) -> Int { text.count * (3 * 2 * scale + scale) - scale }
    static func height(scale: Int) -> Int { 5 * scale }

    static func draw(_ canvas: inout Canvas, _ text: String, x: Int, y: Int, scale: Int, role: StyleRole) {
        var cx = x
        for ch in text {
            let rows = font[ch] ?? font[" "]!
            for (r, row) in rows.enumerated() {
                for (c, pixel) in row.enumerated() where pixel == "#" {
                    canvas.fill(x: cx + c * 2 * scale, y: y + r * scale, width: 2 * scale, height: scale, role: role)
                }
            }
            cx += 3 * 2 * scale + scale
        }
    }
}
