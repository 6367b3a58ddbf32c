import Testing
import TestSupport
@testable import PartyTUI
@testable import PartyModel

/// Issue 15: a dashboard on a workspace that fails validation says so in its status bar.
@Suite struct ProblemsMarkTests {
    @Test func theStatusBarMarksProblems() {
        var state = demoState()
        let clean = Views.render(state).lines.last ?? ""
        #expect(!clean.contains("处问题"))
        state.problems = 2
        let marked = Views.render(state).lines.last ?? ""
        #expect(marked.contains("⚠ 数据有 2 处问题"), "\(marked)")
    }
}
