import PartyModel

/// A pane's identity. Each pane's file declares its own (`extension Pane { static let branches = … }`);
/// the registry (`Panes`) decides the order, the digits and the tabs.
public struct Pane: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The standard panes in their registry order.
    public static var allCases: [Pane] { Panes.standard.ids }

    /// A standard pane's place in the tab order (its digit, for the first nine).
    public var number: Int { Panes.standard.number(self) }

    /// A standard pane's title.
    public func title(_ lang: Language) -> String { Panes.standard.spec(self).title(lang) }
}

/// The record a table row stands for: rows are found again, opened and edited by this, never by
/// parsing a string back.
public enum RowRef: Hashable, Sendable {
    case committee(String)
    case generalBranch(String)
    case branch(String)
    case partyGroup(branchId: String, groupId: String)
    case rectification(String)
    /// An alert: its position in the alert list, and the branch it concerns.
    case alert(index: Int, branchId: String)
    case section(String)
    case task(String)
    case activity(String)
    /// A member of the roster (花名册).
    case member(String)
    /// A funds entry (经费).
    case funds(String)
    /// A person in the 发展党员 pipeline.
    case candidate(String)
    /// A target (目标).
    case target(String)
    /// A row of a pane that is not one record (tests, future summaries).
    case other(String)

    /// The branch this row is about, when it is a branch's.
    public var branchId: String? {
        switch self {
        case .branch(let id): id
        case .partyGroup(let branch, _): branch
        case .alert(_, let branch): branch
        default: nil
        }
    }
}

/// A state filter `f` cycles through: the tag rows carry, and its words.
public struct StateFilter: Sendable, Equatable {
    public var tag: String
    public var label: String
    public init(_ tag: String, _ label: String) { self.tag = tag; self.label = label }
}

/// Where a pane draws: the body between the bars.
public typealias Area = (x: Int, y: Int, width: Int, height: Int)

/// Everything one pane is: its title, its keys (with their handlers), its table, filters and sort,
/// the page Enter opens and the forms its keys open. A new pane is a new type conforming to this and
/// one line in `Panes.standard`.
public protocol PaneSpec: Sendable {
    var id: Pane { get }
    func title(_ lang: Language) -> String
    /// The title on the tab bar, when shorter than the pane's (nine tabs and the 示例 badge share 80 columns).
    func tabTitle(_ lang: Language) -> String
    /// This pane's own keys (the global ones — movement, panes, periods, help — are `KeyMap.global`).
    var bindings: [KeyBinding] { get }
    /// The pane's table, built from the data's reports (nil: the pane draws itself, as the overview).
    /// `variant`: the pane's alternative view (the scoring pane's quarter view is 1).
    func table(_ data: DashboardData, variant: Int) -> Table?
    /// The state filters `f` cycles through (the first is "all").
    func stateFilters(_ lang: Language) -> [StateFilter]
    /// Handles one of its own bindings' actions.
    func perform(_ action: Action, _ state: inout AppState) -> Effect
    /// The page Enter opens on a row, if any.
    func detail(for row: RowRef, _ state: AppState) -> Detail?
    /// Words after the title on the pane's header line (the scoring pane's view, a kind filter).
    func headerNotes(_ state: AppState) -> [(String, StyleRole)]
    /// The period the pane lists, as its header says it (the quarter shown; the activities pane lists a year).
    func period(_ state: AppState) -> String
    /// Draws the body; the default is the table in a frame.
    func drawBody(_ canvas: inout Canvas, _ state: AppState, in area: Area)
    /// After a save, the new data's table made from the old one without rebuilding it (the activities
    /// pane of a county: 100,000 rows for one edit); nil builds it again when shown.
    func carryOver(_ table: Table, from old: DashboardData, to new: DashboardData, after change: Change) -> Table?
    /// Whether the pane lists rows (a table, a selection, `/` and `s`); the overview does not.
    var isList: Bool { get }
    /// Another quarter is shown: what the pane's list follows of it (the checks pane's column).
    func periodChanged(_ list: inout ListState, to quarter: Quarter)
}

public extension PaneSpec {
    func tabTitle(_ lang: Language) -> String { title(lang) }
    var bindings: [KeyBinding] { [] }
    func stateFilters(_ lang: Language) -> [StateFilter] { [StateFilter("", lang.pick("全部", "all"))] }
    func perform(_ action: Action, _ state: inout AppState) -> Effect { .none }
    func detail(for row: RowRef, _ state: AppState) -> Detail? { nil }
    func headerNotes(_ state: AppState) -> [(String, StyleRole)] { [] }
    func period(_ state: AppState) -> String { state.data.selectedQuarter.name(state.lang) }
    func drawBody(_ canvas: inout Canvas, _ state: AppState, in area: Area) { TableView.draw(&canvas, state, id, in: area) }
    func carryOver(_ table: Table, from old: DashboardData, to new: DashboardData, after change: Change) -> Table? { nil }
    var isList: Bool { true }
    func periodChanged(_ list: inout ListState, to quarter: Quarter) {}
}

/// The panes of a dashboard, in tab order. Digits 1–9 select the first nine; `:` jumps to any by
/// its name or pinyin initials.
public struct Panes: Sendable {
    public let all: [any PaneSpec]
    private let index: [Pane: Int]

    public init(_ all: [any PaneSpec]) {
        self.all = all
        index = Dictionary(all.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The registry: one line a pane.
    public static let standard = Panes([
        OverviewPane(),
        BranchesPane(),
        ChecksPane(),
        ScoringPane(),
        RectificationsPane(),
        AlertsPane(),
        TasksPane(),
        ActivitiesPane(),
        MembersPane(),
        FundsPane(),
        DevelopmentPane(),
        TargetsPane(),
    ])

    public var ids: [Pane] { all.map(\.id) }

    public func spec(_ pane: Pane) -> any PaneSpec { index[pane].map { all[$0] } ?? all[0] }

    /// 1-based place in the tab order.
    public func number(_ pane: Pane) -> Int { (index[pane] ?? 0) + 1 }

    public func pane(number: Int) -> Pane? { all.indices.contains(number - 1) ? all[number - 1].id : nil }

    public func next(after pane: Pane, by step: Int) -> Pane {
        let i = index[pane] ?? 0
        return all[((i + step) % all.count + all.count) % all.count].id
    }

    /// Panes whose title (either language) or its pinyin initials start with `query` (`:党员`, `:dy`, `:memb`).
    public func matching(_ query: String) -> [Pane] {
        let needle = query.trimmingCharacters(in: " \t").lowercased()
        guard !needle.isEmpty else { return [] }
        return all.filter { spec in
            [spec.title(.zh), spec.title(.en).lowercased(), PinyinInitials.of(spec.title(.zh)), spec.id.rawValue.lowercased(),
             spec.tabTitle(.zh), PinyinInitials.of(spec.tabTitle(.zh))]
                .contains { $0.hasPrefix(needle) }
        }.map(\.id)
    }
}
