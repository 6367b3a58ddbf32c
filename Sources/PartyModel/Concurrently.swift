import Dispatch

/// Independent pieces of work run on every core (a county's figures and files are many
/// independent parts). Each job writes only its own `Slot`, so there is nothing to lock.
public enum Concurrently {
    public static func run(_ jobs: [@Sendable () -> Void]) {
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }
    }

    /// `transform` of every item, in order, worked out in contiguous chunks on every core.
    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable @escaping (T) -> R) -> [R] {
        // More chunks than cores, so that uneven chunks still finish together; Dispatch spreads them.
        let chunks = min(items.count, 16)
        guard chunks > 1 else { return items.map(transform) }
        let slots = (0..<chunks).map { _ in Slot<[R]>() }
        let size = (items.count + chunks - 1) / chunks
        run((0..<chunks).map { c in
            { slots[c].value = items[min(items.count, c * size)..<min(items.count, (c + 1) * size)].map(transform) }
        })
        return slots.flatMap { $0.value ?? [] }
    }

    /// Where one job leaves its result, read after `run` returns.
    public final class Slot<T>: @unchecked Sendable {
        public var value: T?
        public init() {}
    }

}
