import Dispatch

/// Independent pieces of work run on every core (a county's figures and files are many
/// independent parts). Each job writes only its own `Slot`, so there is nothing to lock.
public enum Concurrently {
    public static func run(_ jobs: [@Sendable () -> Void]) {
        DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }
    }

    /// Where one job leaves its result, read after `run` returns.
    public final class Slot<T>: @unchecked Sendable {
        public var value: T?
        public init() {}
    }
}
