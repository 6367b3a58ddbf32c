import Foundation

/// Values worked out on first use and kept for the owner's life (pane tables, score tables, a branch's
/// session hours): the owner's data never changes, so a kept value never goes stale. A class behind a
/// lock, so its owner stays a `Sendable` value whose reads are pure. Asked from several jobs at once
/// (the dashboard's figures are worked out side by side), a second asker of a key being worked out
/// waits for it instead of working it out again.
public final class Kept<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var values: [Key: Value] = [:]
    private var making: Set<Key> = []

    public init() {}

    public func value(_ key: Key, make: () -> Value) -> Value {
        condition.lock()
        while making.contains(key) { condition.wait() }
        if let known = values[key] { condition.unlock(); return known }
        making.insert(key)
        condition.unlock()
        let made = make()
        condition.lock()
        values[key] = made
        making.remove(key)
        condition.broadcast()
        condition.unlock()
        return made
    }

    /// The value, if worked out already.
    public func existing(_ key: Key) -> Value? {
        condition.lock(); defer { condition.unlock() }
        return values[key]
    }

    /// Removes the value and hands it over (a table's rows then have one owner and change in place).
    public func take(_ key: Key) -> Value? {
        condition.lock(); defer { condition.unlock() }
        return values.removeValue(forKey: key)
    }

    public func store(_ key: Key, _ value: Value) {
        condition.lock(); defer { condition.unlock() }
        values[key] = value
    }
}
