/// The language of everything a person reads. Chinese by default.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// Picks one of two texts; used only inside the text tables.
    @inline(__always) public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
    /// A number that differs by language (a column's width for its words).
    @inline(__always) public func pick(_ zh: Int, _ en: Int) -> Int { self == .zh ? zh : en }
}

/// "张三、李四, 王五；赵六" → names: the separators people use in Chinese and English lists.
/// Spaces inside a name are kept ("组织部 周立新").
public func splitNameList(_ text: String) -> [String] {
    text.split(whereSeparator: { "、,，;；".contains($0) })
        .map { String($0).trimmingWhitespace() }
        .filter { !$0.isEmpty }
}
