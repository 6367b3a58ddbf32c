import PartyModel

/// Forms of members' conduct (issue 18): an activity's 签到表, a 民主评议 result, 先锋 points.
extension Forms {
    // MARK: 签到表

    /// The choices of one line of a 签到表: present, or absent with a reason.
    static func attendanceChoices(_ lang: Language) -> [FormField.Choice] {
        [.init("present", lang.pick("出席", "present"))] + AbsenceReason.allCases.map { .init($0.rawValue, $0.name(lang)) }
    }

    /// The members a 签到表 lists: the branch's roster on the activity's day, then any the list
    /// already names who are not on it (kept, never dropped).
    static func attendanceMembers(_ a: Activity, _ data: DashboardData) -> [Member] {
        let ledger = data.compliance.members
        var list = ledger.members(of: a.branchId, on: a.date)
        let ids = Set(list.map(\.id))
        for entry in a.attendance ?? [] where !ids.contains(entry.memberId) {
            if let m = ledger.member(entry.memberId) { list.append(m) }
        }
        return list
    }

    /// One choice per member (出席 by default; an existing list prefilled).
    public static func attendance(_ a: Activity, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let choices = attendanceChoices(lang)
        let fields = attendanceMembers(a, data).map { m -> FormField in
            let entry = a.attendanceEntry(of: m.id)
            let value = entry.map { $0.present ? "present" : ($0.absenceReason ?? .unexcused).rawValue } ?? "present"
            return FormField(key: m.id, label: m.name, kind: .choice(choices), value: value)
        }
        var form = FormState(purpose: .attendance(a), title: lang.pick("签到表: ", "Attendance: ") + a.date.iso + " " + a.title, fields: fields)
        if fields.isEmpty { form.error = lang.pick("该日支部名册上没有党员", "no members on the branch's roster that day") }
        return form
    }

    static func attendanceChange(_ form: inout FormState, _ a: Activity, _ data: DashboardData) -> Change? {
        guard !form.fields.isEmpty else {
            form.error = data.lang.pick("该日支部名册上没有党员", "no members on the branch's roster that day")
            return nil
        }
        var after = a
        after.attendance = form.fields.map { f in
            // A line left as it was is kept as recorded (an absence without a reason stays so).
            if let entry = a.attendanceEntry(of: f.key), f.value == (entry.present ? "present" : (entry.absenceReason ?? .unexcused).rawValue) {
                return entry
            }
            let reason = AbsenceReason(rawValue: f.value)
            return AttendanceEntry(memberId: f.key, present: reason == nil, absenceReason: reason)
        }
        return after == a ? nil : .activity(before: a, after: after)
    }
}

// MARK: 民主评议 and 先锋 points
extension Forms {
    /// A member's 民主评议 result: year (this year's existing result prefilled), grade, note.
    public static func reviewResult(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let existing = data.compliance.members.review(m, year: data.year)
        return FormState(purpose: .reviewResult(m), title: lang.pick("民主评议结果: ", "Review result: ") + m.name, fields: [
            FormField(key: "year", label: lang.pick("年度", "Year"), kind: .number(min: 2000, max: 2100, integer: true), required: true, value: String(data.year)),
            FormField(key: "grade", label: lang.pick("评议等次", "Grade"), kind: .choice(ReviewGrade.allCases.map { .init($0.rawValue, $0.name(lang)) }),
                      required: true, value: existing?.grade.rawValue ?? ReviewGrade.qualified.rawValue),
            FormField(key: "note", label: lang.pick("备注", "Note"), kind: .text, value: existing?.note ?? ""),
        ])
    }

    static func reviewChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let year = Int(Double(form.value("year").trimmingCharacters(in: " ")) ?? Double(data.year))
        let before = data.compliance.members.review(m, year: year)
        let note = form.value("note").trimmingCharacters(in: " ")
        let day = min(data.asOf, Day.firstOf(year: year + 1, month: 1).adding(days: -1))
        var after = before ?? ReviewResult(id: data.workspace.newReviewResultId(year: year), memberId: m.id,
                                           branchId: m.branch(on: day) ?? m.branchId, year: year, grade: .qualified)
        after.grade = ReviewGrade(rawValue: form.value("grade")) ?? .qualified
        after.note = note.isEmpty ? nil : note
        if let issue = Validator.validate(reviewResult: after, in: data.workspace).first {
            form.error = issue.kind.message(data.lang)
            return nil
        }
        return before == after ? nil : .reviewResult(before: before, after: after)
    }

    /// Points of one of the scheme's manual items for a member.
    public static func pioneerPoints(_ m: Member, _ data: DashboardData) -> FormState {
        let lang = data.lang
        let items = data.workspace.settings.rules.pioneer.items.filter { $0.source == .manual }
        return FormState(purpose: .pioneerPoints(m), title: lang.pick("先锋指数加分: ", "Pioneer points: ") + m.name, fields: [
            FormField(key: "item", label: lang.pick("项目", "Item"),
                      kind: .choice(items.map { .init($0.id, $0.title + lang.pick(" (满分 \(formatNumber($0.max)))", " (max \(formatNumber($0.max)))")) }), required: true),
            FormField(key: "points", label: lang.pick("分值", "Points"), kind: .number(min: 0, max: 100, integer: false), required: true),
            FormField(key: "date", label: lang.pick("日期", "Date"), kind: .date, required: true, value: data.asOf.iso),
            FormField(key: "note", label: lang.pick("说明", "Note"), kind: .text),
        ])
    }

    static func pointsChange(_ form: inout FormState, _ m: Member, _ data: DashboardData) -> Change? {
        let lang = data.lang
        guard let item = data.workspace.settings.rules.pioneer.item(form.value("item")), item.source == .manual else {
            form.error = lang.pick("先锋指数方案中没有手工加分项目", "the scheme has no manual items")
            return nil
        }
        let points = Double(form.value("points").trimmingCharacters(in: " ")) ?? 0
        if points > item.max {
            form.setError("points", lang.pick("该项满分 \(formatNumber(item.max))", "this item's max is \(formatNumber(item.max))"))
            form.focus = 1
            return nil
        }
        let date = Day.parse(form.value("date"))!
        let note = form.value("note").trimmingCharacters(in: " ")
        let p = PioneerPoints(id: data.workspace.newPioneerPointsId(year: date.year), memberId: m.id, branchId: m.branch(on: date) ?? m.branchId,
                              itemId: item.id, date: date, points: points, note: note.isEmpty ? nil : note)
        if let issue = Validator.validate(pioneerPoints: p, in: data.workspace).first {
            form.error = issue.kind.message(lang)
            return nil
        }
        return .pioneerPoints(before: nil, after: p)
    }
}
