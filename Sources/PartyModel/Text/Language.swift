/// The language of everything a person reads. Chinese by default.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// Picks one of two texts; used only inside the text tables.
    @inline(__always) public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
