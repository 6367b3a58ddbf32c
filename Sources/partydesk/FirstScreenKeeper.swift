import Foundation
import Synchronization
import PartyModel
import PartyStore
import PartyTUI

/// Keeps the dashboard's first screen for the next session (`FigureCache`), so that a large
/// workspace opens on it while its files are read: today's, and the next days' — a session opened
/// tomorrow or after a weekend, with the files unchanged, starts from them too. The next days' are
/// worked out behind the session, on the in-memory workspace, once the keys have rested a few
/// seconds (a city's take ~0.5 s of both cores each).
final class FirstScreenKeeper {
    let cache: FigureCache
    /// What the data is now, as a short text (the files' fingerprint; a database's last journal
    /// row): another one means the kept screens are not of this data. Nil: not known.
    let takeFingerprint: () -> String?
    let asOf: Day
    let lang: Language
    /// The files' fingerprint, taken before they were read; nil once this session has changed
    /// them (then it is taken again when the session ends).
    private var fingerprint: String?
    private var screens: [Day: FirstScreen] = [:]
    private var working: Background<[Day: FirstScreen]>?
    /// Work waiting for the keys to rest (after the files are read or changed), and since when they have.
    private var pending: (data: DashboardData, days: [Day], since: Double)?
    /// Bumped by each new piece of work: older work stops at its next day.
    private let generation = Generation()

    private final class Generation: Sendable {
        let value = Atomic<Int>(0)
    }

    /// `place`: the workspace's folder, or a database's URI shown without its password (one cache file each).
    init(place: String, fingerprint: @escaping () -> String?, asOf: Day, lang: Language, environment: [String: String]) {
        self.takeFingerprint = fingerprint
        self.asOf = asOf
        self.lang = lang
        cache = FigureCache(workspace: place, environment: environment)
        self.fingerprint = fingerprint()
    }

    /// The keeper of a JSON workspace's first screens: its files' fingerprint.
    convenience init(store: WorkspaceStore, asOf: Day, lang: Language, years: @escaping @Sendable (WorkspaceSettings) -> Set<Int>?,
                     environment: [String: String]) {
        self.init(place: store.directory, fingerprint: { store.fingerprint(years: years) }, asOf: asOf, lang: lang, environment: environment)
    }

    /// Takes the fingerprint again: a database's is known once connected.
    @discardableResult
    func refreshed() -> FirstScreenKeeper {
        fingerprint = takeFingerprint()
        return self
    }

    /// The first screen an earlier session kept for today and these very files, if any.
    func keptToday() -> FirstScreen? {
        fingerprint.flatMap { cache.read(FirstScreen.self, key: cache.key(fingerprint: $0, asOf: asOf)) }
    }

    /// The first screen an earlier session kept for today from earlier data, with what `judge` makes
    /// of the fingerprint it was kept under and the one now (nil: not to be shown) — a database's
    /// screen from before the latest commits, shown as such while the database is read.
    func keptEarlier<Judged>(_ judge: (_ kept: String, _ now: String) -> Judged?) -> (screen: FirstScreen, judged: Judged)? {
        guard let fingerprint else { return nil }
        for entry in cache.entries(FirstScreen.self, asOf: asOf) {
            if let judged = judge(entry.fingerprint, fingerprint) { return (entry.value, judged) }
        }
        return nil
    }

    /// The files are read: today's first screen is kept at once (unless it was already), the next
    /// days' are worked out once the keys rest.
    func loaded(_ data: DashboardData, kept: FirstScreen?) {
        guard fingerprint != nil else { return }
        screens = [asOf: data.firstScreen]
        if data.firstScreen != kept { write() }
        pending = (data, FirstScreen.daysKept(after: asOf), Self.now())
    }

    /// Seconds without a key before the next days' screens are worked out: on a city each takes
    /// half a second of both cores, not to be spent while someone is at work.
    static let idleBeforeWork: Double = 3

    /// This session changed the files (a save, an undo, a reload). Today's first screen is the one
    /// on screen when the opening period is shown; the others are worked out once the keys rest.
    func changed(_ data: DashboardData) {
        fingerprint = nil
        working = nil
        _ = generation.value.add(1, ordering: .relaxed)   // older work stops at its next day
        let opening = data.isOpeningPeriod
        screens = opening ? [asOf: data.firstScreen] : [:]
        pending = (data, FirstScreen.daysKept(after: asOf, includingIt: !opening), Self.now())
    }

    /// A key was pressed: the work waiting for a rest waits on.
    func keyPressed() {
        pending?.since = Self.now()
    }

    /// True while first screens wait to be or are being worked out: the main loop then calls `tick` now and then.
    var isWorking: Bool { working != nil || pending != nil }

    /// Starts the work waiting for a rest, once the keys have rested; takes what has been worked
    /// out, and keeps it when the files' fingerprint is known.
    func tick() {
        if let wait = pending, working == nil, Self.now() - wait.since >= Self.idleBeforeWork {
            pending = nil
            start(wait.data, days: wait.days)
        }
        guard let job = working, job.isDone else { return }
        working = nil
        screens.merge(job.wait()) { _, new in new }
        write()
    }

    /// The session ends. After changes, the first screens worked out from them (at least today's,
    /// when the opening period was shown) are kept under the files' fingerprint as they are now.
    func sessionEnds() {
        tick()
        guard fingerprint == nil, !screens.isEmpty else { return }
        fingerprint = takeFingerprint()
        write()
    }

    private static func now() -> Double { Date().timeIntervalSince1970 }

    private func write() {
        guard let fingerprint else { return }
        cache.write(screens, fingerprint: fingerprint)
    }

    /// Works the first screens of `days` out from `data`'s workspace, its ledger counted once for all.
    private func start(_ data: DashboardData, days: [Day]) {
        let mine = generation.value.add(1, ordering: .relaxed).newValue
        let (workspace, loadedYears, compliance, asOf, lang, generation) = (data.workspace, data.loadedYears, data.compliance, asOf, lang, generation)
        working = Background {
            DashboardData.firstScreens(workspace, loadedYears: loadedYears, asOf: asOf, days: days, lang: lang, compliance: compliance,
                                       carryOn: { generation.value.load(ordering: .relaxed) == mine })
        }
    }
}
