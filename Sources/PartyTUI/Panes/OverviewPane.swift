import PartyModel

extension Pane {
    public static let overview = Pane("overview")
}

/// 总览: where the campaign stands, on one screen (also what a session keeps for the next one to
/// open on; see `Views.preview`).
public struct OverviewPane: PaneSpec {
    public let id = Pane.overview
    public init() {}

    public func title(_ lang: Language) -> String { lang.pick("总览", "Overview") }

    public var isList: Bool { false }

    public func table(_ data: DashboardData, variant: Int) -> Table? { nil }

    public func drawBody(_ canvas: inout Canvas, _ state: AppState, in area: Area) {
        OverviewView.draw(&canvas, state.data.overview, lang: state.lang, in: area)
    }
}
