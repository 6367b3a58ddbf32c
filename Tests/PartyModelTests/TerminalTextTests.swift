import Testing
import TestSupport
@testable import PartyModel

/// The one function that decides how data text reaches a terminal, and the rule that keeps control
/// characters out of the fields where they never belong.
@Suite struct TerminalTextTests {
    static let osc = "A\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}]0;PWNED\u{07}\u{1B}[2J"

    @Test func everyControlIsShownVisiblyInASCII() {
        #expect(TerminalText.visible(Self.osc) == "A^[]52;c;aGVsbG8=^G^[]0;PWNED^G^[[2J")
        #expect(TerminalText.visible("a\u{0}b\nc\td\r\u{7F}") == "a^@b^Jc^Id^M^?")
        #expect(TerminalText.visible("x\u{9B}31m") == "x<U+009B>31m")
        #expect(TerminalText.visible("\u{85}") == "<U+0085>")
        #expect(TerminalText.visible("支部\u{202E}cba") == "支部<U+202E>cba")
        #expect(TerminalText.visible("\u{2066}名\u{2069}") == "<U+2066>名<U+2069>")
        #expect(TerminalText.visible("行\u{2028}分") == "行<U+2028>分")
        // Safe text is returned as it is, Chinese, emoji and the zero-width joiner included.
        for safe in ["第一党支部", "👨‍👩‍👧", "🇨🇳", "é", "\u{200D}", "\u{A0}", "\u{2030}"] {
            #expect(TerminalText.visible(safe) == safe)
            #expect(!TerminalText.needsEscaping(safe))
        }
    }

    @Test func theCommandLineKeepsOnlyItsOwnLineBreaks() {
        #expect(TerminalText.visible("一\n二\u{1B}", keeping: ["\n"]) == "一\n二^[")
    }

    /// The byte scan agrees with the scalar rule on every code point around the unsafe ranges.
    @Test func byteScanMatchesTheScalarRule() {
        let around: [ClosedRange<UInt32>] = [0...0xFF, 0x2020...0x2070, 0x3000...0x3010]
        for range in around {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let text = "a" + String(Character(scalar)) + "b"
                #expect(TerminalText.needsEscaping(text) == TerminalText.isUnsafe(v), "U+\(String(v, radix: 16))")
            }
        }
    }

    @Test func notesMayKeepLineBreaksAndTabsButNothingElse() {
        #expect(TerminalText.firstUnsafe(in: "一\n二") == "\n")
        #expect(TerminalText.firstUnsafe(in: "一\n二\t三", multiLine: true) == nil)
        #expect(TerminalText.firstUnsafe(in: "一\n\u{1B}[2J", multiLine: true) == "\u{1B}")
        #expect(TerminalText.firstUnsafe(in: "正常标题") == nil)
    }

    @Test func validationNamesTheFieldOfEveryControlCharacter() {
        var ws = smallWorkspace()
        ws.organisation.branches[0].name = Self.osc
        ws.organisation.branches[0].secretary = "张\u{202E}三"
        ws.organisation.branches[0].partyGroups[1].leader = "李\u{0}"
        ws.organisation.branches[1].notes = "第一行\n第二行\t缩进"          // allowed in notes
        ws.activities[0].title = "标题\u{9B}2J"
        ws.activities[1].notes = "备注\u{7}"
        ws.members[0].name = "王\n五"
        ws.plan.tasks[0].responsibleUnits[1] = "各党总支\u{1B}"
        let issues = Validator.validate(ws)
        let control = issues.filter { if case .controlCharacter = $0.kind { true } else { false } }
        let expected: [ValidationIssue] = [
            .init(.branch(0), "name", .controlCharacter(0x1B)),
            .init(.branch(0), "secretary", .controlCharacter(0x202E)),
            .init(.branch(0), "partyGroups[1].leader", .controlCharacter(0)),
            .init(.activity(0), "title", .controlCharacter(0x9B)),
            .init(.activity(1), "notes", .controlCharacter(7)),
            .init(.member(0), "name", .controlCharacter(0x0A)),
            .init(.planTask(0), "responsibleUnits[1]", .controlCharacter(0x1B)),
        ]
        #expect(control.count == expected.count)
        for issue in expected { #expect(control.contains(issue), "\(issue)") }
        // The one-record check used by the editor, the import and add-activity says the same.
        #expect(Validator.validate(activity: ws.activities[0], in: ws) == [.init(.activity(0), "title", .controlCharacter(0x9B))])
        #expect(ProblemKind.controlCharacter(0x1B).message(.zh).contains("^[ (U+001B)"))
        #expect(ProblemKind.controlCharacter(0x202E).message(.en).contains("<U+202E> (U+202E)"))
    }
}
