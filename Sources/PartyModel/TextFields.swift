/// The free-text fields of each record, named by their JSON keys: the one-line ones (names, titles, ids,
/// codes), where a control character can never belong, and the notes, which may keep line breaks and tabs.
/// Validation checks both kinds through `Validator.checkText`, so a hand-edited file, an import, a
/// command-line record and a form are held to the same rule. A visitor, not a list: the whole-workspace
/// pass walks half a million activities, and a key is built only for a field that has a problem.
public protocol TextFieldVisitor {
    /// `key` is built only when asked; `note`: the field may keep line breaks and tabs.
    mutating func visit(key: () -> String, value: String, note: Bool)
}

extension TextFieldVisitor {
    mutating func line(_ key: @autoclosure () -> String, _ value: String?) { if let value { visit(key: key, value: value, note: false) } }
    mutating func lines(_ key: String, _ values: [String]) {
        for (i, v) in values.enumerated() { visit(key: { "\(key)[\(i)]" }, value: v, note: false) }
    }
    mutating func note(_ key: @autoclosure () -> String, _ value: String?) { if let value { visit(key: key, value: value, note: true) } }
}

public protocol HasTextFields {
    func visitTextFields(_ f: inout some TextFieldVisitor)
}

extension Activity: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("branchId", branchId); f.line("title", title); f.line("partyGroupId", partyGroupId)
        f.line("lecturer", lecturer); f.line("place", place); f.line("host", host)
        f.note("notes", notes)
        if let attendance { for (i, e) in attendance.enumerated() { f.line("attendance[\(i)].memberId", e.memberId) } }
        if let participants {
            for (i, p) in participants.enumerated() { f.line("participants[\(i)].memberId", p.memberId); f.line("participants[\(i)].name", p.name) }
        }
    }
}

extension Member: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("name", name); f.line("branchId", branchId); f.line("partyGroupId", partyGroupId)
        f.line("education", education); f.line("phone", phone); f.line("mobile.where", mobile?.place)
        for (t, move) in transfers.enumerated() {
            for (side, end) in [("from", move.from), ("to", move.to)] {
                switch end {
                case .branch(let id): f.line("transfers[\(t)].\(side).branchId", id)
                case .outside(let text): f.line("transfers[\(t)].\(side).outside", text)
                }
            }
            f.line("transfers[\(t)].letterNumber", move.letterNumber)
        }
    }
}

extension DuesPayment: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("memberId", memberId); f.line("branchId", branchId); f.note("note", note)
    }
}

extension TrainingEntry: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("memberId", memberId); f.line("branchId", branchId)
        f.line("provider", provider); f.line("title", title)
    }
}

extension ReviewResult: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("memberId", memberId); f.line("branchId", branchId); f.line("activityId", activityId)
        f.note("note", note); f.note("outcome", outcome)
    }
}

extension FundsEntry: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("organisationId", organisationId); f.note("note", note)
    }
}

extension FundsStandard: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("title", title); f.note("source", source)
    }
}

extension PioneerPoints: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("memberId", memberId); f.line("branchId", branchId); f.line("itemId", itemId); f.note("note", note)
    }
}

extension Committee: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("name", name); f.line("secretary", secretary); f.note("notes", notes)
    }
}

extension GeneralBranch: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("name", name); f.line("parentId", parentId); f.line("secretary", secretary)
        f.note("notes", notes)
    }
}

extension Branch: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("name", name); f.line("parentId", parentId); f.line("secretary", secretary)
        f.line("deputySecretary", deputySecretary); f.lines("committeeMembers", committeeMembers)
        f.line("contactLeader", contactLeader)
        for (g, group) in partyGroups.enumerated() {
            f.line("partyGroups[\(g)].id", group.id); f.line("partyGroups[\(g)].name", group.name)
            f.line("partyGroups[\(g)].leader", group.leader)
        }
        f.note("notes", notes)
    }
}

extension QuarterlyCheck: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("branchId", branchId); f.lines("inspectors", inspectors)
        f.note("notes", notes)
    }
}

extension Rectification: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("branchId", branchId); f.line("sourceCheckId", sourceCheckId)
        f.line("category", category); f.line("owner", owner)
        f.note("description", description)
        for (e, event) in history.enumerated() {
            f.note("history[\(e)].note", event.note); f.line("history[\(e)].acceptedBy", event.acceptedBy)
        }
    }
}

extension PlanSection: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("title", title)
    }
}

extension PlanTask: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("id", id); f.line("sectionId", sectionId); f.line("title", title)
        f.lines("responsibleUnits", responsibleUnits); f.line("phase", phase)
        f.note("target", target); f.note("notes", notes)
        if let a = assignment { f.line("assignment.sector", a.sector); f.line("assignment.generalBranch", a.generalBranch); f.lines("assignment.branches", a.branches ?? []) }
        for (i, p) in phases.enumerated() { f.line("phases[\(i)].name", p.name) }
        for (i, b) in branches.enumerated() {
            f.line("branches[\(i)].branchId", b.branchId); f.note("branches[\(i)].evidence", b.evidence)
            for (j, o) in b.occurrences.enumerated() { f.line("branches[\(i)].occurrences[\(j)].period", o.period); f.note("branches[\(i)].occurrences[\(j)].note", o.note) }
        }
    }
}

extension ManualScore: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("branchId", branchId); f.line("itemId", itemId); f.note("note", note)
    }
}

extension Bonus: HasTextFields {
    public func visitTextFields(_ f: inout some TextFieldVisitor) {
        f.line("branchId", branchId); f.note("reason", reason)
    }
}
