/// Full-width forms (U+FF01–FF5E) as a Chinese input method types them: ０-９, ．, －, ／, ：.
public enum FullWidth {
    /// A full-width character as its ASCII form; any other character as it is. Fields of numbers
    /// and dates, and the import's number and date cells, read through this.
    public static func halfWidth(_ c: Character) -> Character {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1,
              (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) else { return c }
        return Character(ascii)
    }

    public static func halfWidth(_ text: String) -> String {
        text.unicodeScalars.contains { (0xFF01...0xFF5E).contains($0.value) } ? String(text.map(halfWidth)) : text
    }
}
