import Foundation
import Synchronization
import PartyModel
import PartyStore
import PartyTUI

/// Keeps the dashboard's first screen for the next session (`FigureCache`), so that a large
/// workspace opens on it while its files are read: today's, and the next days' — a session opened
/// tomorrow or after a weekend, with the files unchanged, starts from them too. The next days' are
/// worked out behind the session, on the in-memory workspace (a city's take ~0.5 s each).
final class FirstScreenKeeper {
    let cache: FigureCache
    let store: WorkspaceStore
    let asOf: Day
    let lang: Language
    let years: @Sendable (WorkspaceSettings) -> Set<Int>?
    /// The files' fingerprint, taken before they were read; nil once this session has changed
    /// them (then it is taken again when the session ends).
    private var fingerprint: String?
    private var screens: [Day: FirstScreen] = [:]
    private var working: Background<[Day: FirstScreen]>?
    /// Bumped by each new piece of work: older work stops at its next day.
    private let generation = Generation()

    private final class Generation: Sendable {
        let value = Atomic<Int>(0)
    }

    init(store: WorkspaceStore, asOf: Day, lang: Language, years: @escaping @Sendable (WorkspaceSettings) -> Set<Int>?,
         environment: [String: String]) {
        self.store = store
        self.asOf = asOf
        self.lang = lang
        self.years = years
        cache = FigureCache(workspace: store.directory, environment: environment)
        fingerprint = store.fingerprint(years: years)
    }

    /// The first screen an earlier session kept for today and these very files, if any.
    func keptToday() -> FirstScreen? {
        fingerprint.flatMap { cache.read(FirstScreen.self, key: cache.key(fingerprint: $0, asOf: asOf)) }
    }

    /// The files are read: today's first screen is kept at once (unless it was already), the next days' are worked out.
    func loaded(_ data: DashboardData, kept: FirstScreen?) {
        guard fingerprint != nil else { return }
        screens = [asOf: data.firstScreen]
        if data.firstScreen != kept { write() }
        start(data, days: (1...FirstScreen.daysAhead).map { asOf.adding(days: $0) })
    }

    /// This session changed the files (a save, an undo, a reload): today's and the next days'
    /// first screens are worked out again from what is in memory.
    func changed(_ data: DashboardData) {
        fingerprint = nil
        screens = [:]
        start(data, days: (0...FirstScreen.daysAhead).map { asOf.adding(days: $0) })
    }

    /// True while first screens are being worked out: the main loop then calls `collect` now and then.
    var isWorking: Bool { working != nil }

    /// Takes what has been worked out, and keeps it when the files' fingerprint is known.
    func collect() {
        guard let job = working, job.isDone else { return }
        working = nil
        screens.merge(job.wait()) { _, new in new }
        write()
    }

    /// The session ends. After changes, the first screens worked out from them are kept under the
    /// files' fingerprint as they are now (none if the work is not done yet: the files are then read in full next time).
    func sessionEnds() {
        collect()
        guard fingerprint == nil, working == nil, !screens.isEmpty else { return }
        fingerprint = store.fingerprint(years: years)
        write()
    }

    private func write() {
        guard let fingerprint else { return }
        cache.write(screens, fingerprint: fingerprint)
    }

    private func start(_ data: DashboardData, days: [Day]) {
        let mine = generation.value.add(1, ordering: .relaxed).newValue
        let (workspace, loadedYears, asOf, lang, generation) = (data.workspace, data.loadedYears, asOf, lang, generation)
        working = Background {
            DashboardData.firstScreens(workspace, loadedYears: loadedYears, asOf: asOf, days: days, lang: lang,
                                       carryOn: { generation.value.load(ordering: .relaxed) == mine })
        }
    }
}
