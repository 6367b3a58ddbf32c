import Foundation
import PartyModel

/// The pipeline sheet offices keep (发展党员台账 / 发展党员花名册): a row a person — 姓名, 支部, 阶段 and the
/// dates of the steps they track (申请日期, 确定积极分子日期, 确定发展对象日期, 支部大会日期, 转正日期 …)
/// — each date a step. Read with the sheet machinery (header found, titles and totals skipped, a
/// merged branch filled down, dates as offices write them, the stage by its names and variants).
extension Sheets {
    /// The steps a sheet's date columns hold, in the order of the columns.
    static let developmentDateColumns: [(kind: DevelopmentStepKind, zh: String, en: String, aliases: [String])] = [
        (.application, "申请日期", "Applied", ["申请入党日期", "入党申请日期", "递交申请书日期", "递交入党申请书日期", "递交入党申请书时间", "申请时间", "申请入党时间"]),
        (.talk, "谈话日期", "Talk", ["谈话时间", "入党谈话日期", "党组织谈话日期"]),
        (.activistChosen, "确定积极分子日期", "Activist from", ["确定为入党积极分子日期", "确定入党积极分子日期", "列为积极分子日期", "确定积极分子时间",
                                                            "列为入党积极分子时间", "确定为积极分子时间"]),
        (.targetChosen, "确定发展对象日期", "Target from", ["确定为发展对象日期", "列为发展对象日期", "确定发展对象时间", "列为发展对象时间"]),
        (.politicalReview, "政审日期", "Political review", ["政治审查日期", "政审时间", "政审完成日期"]),
        (.training, "培训日期", "Training", ["集中培训日期", "培训时间", "培训结业日期", "参加培训时间"]),
        (.branchMeeting, "支部大会日期", "Branch meeting", ["支部大会通过日期", "接收预备党员日期", "支部大会讨论日期", "入党日期", "入党时间", "支部大会时间"]),
        (.approval, "审批日期", "Approved", ["党委审批日期", "批准日期", "上级党委审批日期", "审批时间"]),
        (.fullApproval, "转正日期", "Full from", ["转为正式党员日期", "预备党员转正日期", "转正时间", "批准转正日期"]),
    ]

    static func development(_ lang: Language, _ names: SheetNames) -> [Column<Candidate>] {
        func stepDate(_ kind: DevelopmentStepKind, _ zh: String, _ en: String, _ aliases: [String]) -> Column<Candidate> {
            Column(zh: zh, en: en, aliases: aliases, date: { $0.first(kind)?.date }, set: { r, s, _ in
                switch Cell.day(s) {
                case .failure(let p): return p
                case .success(nil):
                    if let i = r.steps.firstIndex(where: { $0.kind == kind }) { r.steps.remove(at: i) }
                case .success(let day?):
                    if let i = r.steps.firstIndex(where: { $0.kind == kind }) { r.steps[i].date = day } else { r.steps.append(DevelopmentStep(kind, day)) }
                    r.steps = Candidate.sorted(r.steps)
                }
                return nil
            })
        }
        /// 培养联系人 / 入党介绍人: the people of that step, made on the day of `on` when it is not on record.
        func people(_ kind: DevelopmentStepKind, on opening: DevelopmentStepKind, _ zh: String, _ en: String, _ aliases: [String]) -> Column<Candidate> {
            Column(zh: zh, en: en, aliases: aliases, get: { $0.first(kind)?.people.map(\.shown).joined(separator: "、") ?? "" }, set: { r, s, ctx in
                let text = Cell.trimmed(s)
                let i = r.steps.firstIndex { $0.kind == kind }
                if text.isEmpty {
                    if let i, r.steps[i].people.isEmpty == false { r.steps[i].people = [] }
                    return nil
                }
                guard let day = i.map({ r.steps[$0].date }) ?? r.first(opening)?.date else {
                    return ImportProblem(kind: .wrongFormat, value: text + (lang == .zh ? " (需同时填写\(opening.name(lang))日期)" : " (needs the \(opening.name(lang)) date)"))
                }
                let refs = DevelopmentRecord.people(text, branchId: r.branchId, on: day, in: ctx.workspace)
                if let i { r.steps[i].people = refs } else { r.steps.append(DevelopmentStep(kind, day, people: refs)); r.steps = Candidate.sorted(r.steps) }
                return nil
            })
        }
        let head: [Column<Candidate>] = [
            Column(zh: "姓名", en: "Name", aliases: ["名字", "发展对象姓名", "申请人姓名", "积极分子姓名"], required: true, get: { $0.name },
                   set: { r, s, _ in
                       guard let t = Cell.optional(s) else { return ImportProblem(kind: .missing, value: "") }
                       r.name = t
                       return nil
                   }),
            branchColumn(\Candidate.branchId, lang, names),
            // The stage first: the dates then take it further when they go beyond it.
            Column(zh: "阶段", en: "Stage", aliases: ["当前阶段", "发展阶段", "所处阶段", "人员类别", "类别", "状态"], get: { $0.stage.name(lang) },
                   set: { r, s, _ in
                       let t = Cell.trimmed(s)
                       if t.isEmpty { return nil }
                       guard let stage = DevelopmentStage.named(t) else { return ImportProblem.unknown(t, DevelopmentStage.self, lang: lang) }
                       r.stage = stage
                       return nil
                   }),
            Column(zh: "性别", en: "Gender", aliases: ["性 别"], get: { $0.gender?.name(lang) ?? "" }, set: optionalCode(\.gender, lang)),
            Column(zh: "出生日期", en: "Born", aliases: ["出生年月", "出生年月日", "生日"], date: { $0.birthDate }, set: setResult(Cell.day) { $0.birthDate = $1 }),
            Column(zh: "学生", en: "Student", aliases: ["是否学生", "在校生", "是否在校生"], get: { Cell.yesNo($0.student, lang) }, set: set { $0.student = Cell.yes($1) }),
        ]
        let early: [Column<Candidate>] = developmentDateColumns.prefix(4).map { stepDate($0.kind, $0.zh, $0.en, $0.aliases) }
        let who: [Column<Candidate>] = [
            people(.contactsAssigned, on: .activistChosen, "培养联系人", "Contacts", ["培养人", "联系人"]),
            people(.sponsors, on: .targetChosen, "入党介绍人", "Sponsors", ["介绍人"]),
        ]
        let late: [Column<Candidate>] = developmentDateColumns.dropFirst(4).map { stepDate($0.kind, $0.zh, $0.en, $0.aliases) }
        let tail: [Column<Candidate>] = [
            Column(zh: "培训学时", en: "Training hours", aliases: ["学时", "培训时长"], number: { $0.first(.training)?.hours },
                   set: { r, s, _ in
                       switch Cell.number(s) {
                       case .failure(let p): return p
                       case .success(let hours):
                           guard let i = r.steps.firstIndex(where: { $0.kind == .training }) else {
                               return hours == nil ? nil : ImportProblem(kind: .wrongFormat, value: Cell.trimmed(s) + (lang == .zh ? " (需同时填写培训日期)" : " (needs the training date)"))
                           }
                           r.steps[i].hours = hours
                           return nil
                       }
                   }),
            Column(zh: "备注", en: "Notes", aliases: ["说明"], get: { $0.note ?? "" }, set: set { $0.note = Cell.optional($1) }).notes(),
            Column(zh: "编号", en: "Id", aliases: ["id", "ID", "发展对象编号"], get: { $0.id }, set: set { $0.id = Cell.trimmed($1) }),
        ]
        return head + early + who + late + tail
    }

    /// After a row is read: the stage as far as the dates go, and every rule the recorded steps break
    /// (judged as a workspace's files are: only what is recorded). Without `exceptionReason` each is a
    /// problem of the row; with it, the steps are kept as exceptions with that reason.
    static func finishDevelopmentRow(_ r: inout Candidate, context: DevelopmentContext, branches: [String: Branch], exceptionReason: String?,
                                     lang: Language) -> [String] {
        r.stage = DevelopmentRecord.stage(of: r)
        var context = context
        context.branch = branches[r.branchId]
        var problems: [String] = []
        for (index, violations) in DevelopmentCheck.violations(of: r, in: context) where r.steps[index].exception == nil {
            if let reason = exceptionReason {
                var rules: [String] = []
                for v in violations where !rules.contains(v.rule.rawValue) { rules.append(v.rule.rawValue) }
                r.steps[index].exception = StepException(reason: reason, rules: rules)
            } else {
                problems += violations.map { $0.message(lang) }
            }
        }
        if !problems.isEmpty && exceptionReason == nil {
            problems[problems.count - 1] += lang == .zh ? " (如属特殊情况, 可加 --exception-reason \"理由\" 按例外导入)" : " (for a special case, import with --exception-reason \"why\")"
        }
        return problems
    }
}

extension Candidate: SheetRecord {
    /// Steps of kinds no column holds (考察, 宣誓 …) are kept, and so are the people, figures, notes and
    /// exceptions of a step whose date the sheet leaves as it was; the roster link stays.
    func keepingFieldsWithoutColumns(of before: Candidate) -> Candidate {
        var c = self
        let inColumns = Set(Sheets.developmentDateColumns.map(\.kind)).union([.contactsAssigned, .sponsors])
        for (i, step) in c.steps.enumerated() {
            guard let old = before.steps.first(where: { $0.kind == step.kind }), old.date == step.date,
                  c.steps.firstIndex(where: { $0.kind == step.kind }) == i else { continue }
            var kept = old
            if step.kind == .contactsAssigned || step.kind == .sponsors { kept.people = step.people }
            if step.kind == .training { kept.hours = step.hours }
            c.steps[i] = kept
        }
        var firstSeen = Set<DevelopmentStepKind>()
        for step in before.steps {
            let isFirst = firstSeen.insert(step.kind).inserted
            if !inColumns.contains(step.kind) || !isFirst { c.steps.append(step) }
        }
        c.steps = Candidate.sorted(c.steps)
        c.memberId = before.memberId
        c.stage = DevelopmentRecord.stage(of: c)
        return c
    }
}
