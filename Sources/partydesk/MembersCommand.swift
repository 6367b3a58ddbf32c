import ArgumentParser
import Foundation
import PartyModel
import PartyStore
import PartyTUI

/// A branch named by id or by name (a name two branches share must be given by id).
func resolveBranch(_ text: String, in ws: Workspace, _ lang: Language) throws -> Branch {
    let branches = ws.organisation.branches
    if let b = branches.first(where: { $0.id == text }) { return b }
    let named = branches.filter { NameKey.of($0.name) == NameKey.of(text) }
    if named.count == 1 { return named[0] }
    if named.count > 1 {
        throw CLIFailure(message: lang == .zh ? "--branch \(text): 有 \(named.count) 个支部同名, 请用编号: \(named.map(\.id).joined(separator: ", "))"
                                             : "--branch \(text): \(named.count) branches have this name; give the id: \(named.map(\.id).joined(separator: ", "))", code: 2)
    }
    throw CLIFailure(message: lang == .zh ? "--branch \(text): 没有这个编号或名称的支部" : "--branch \(text): no branch has this id or name", code: 2)
}

/// What every output of member data says first: it holds personal data (DESIGN §6).
func personalDataNote(_ lang: Language) -> String {
    lang == .zh ? "本表含党员个人信息 (姓名、出生日期、电话等), 请妥善保管, 勿外传" : "This table holds members' personal data (names, birth dates, phones): keep it safe, do not pass it on"
}

/// `partydesk members`: the roster as of a day, with dues and training per member.
struct MembersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "党员名册: 状态、职务、党费与学时 / The roster: status, role, dues and training hours per member.",
        discussion: """
        列出截至 --as-of 当天在各支部名册上的党员 (已转出、去世等离开的不列)。欠缴: 截至上月连续未交党费的月数 (当月尚可交纳)。\
        学时: 当年参加本支部培训、集中学习研讨的学时与个人学时之和, 对照要求 (党员 32, 书记、副书记、支委 56)。\
        出勤: 当年至 --as-of 有签到表的组织生活 (三会一课、主题党日、组织生活会) 实到/应到 (因公不计入应到)。谈心: 当年与书记或支委的谈心谈话次数。\
        评议: 最近一次民主评议结果。先锋指数: 当年按 rules.pioneer 计算, 及在本支部的名次。输出含个人信息。
        Members on a branch's roster on the as-of day (those who left are not listed). Arrears: consecutive months unpaid up to \
        the month before the as-of day's. Hours: this year's training and study activities of their branches plus individual \
        entries, against the requirement (32; 56 for the 班子). Attendance: present / listed at this year's 组织生活 with \
        attendance lists up to the as-of day (因公 not counted). Talks: this year's talks with the secretary or a committee \
        member. Review: the latest 民主评议 grade. Pioneer index: this year's, by rules.pioneer, and the place in the branch. \
        The output holds personal data.
        """)

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: ArgumentHelp("支部编号或名称 / Branch id or name.", valueName: "ID|NAME"))
    var branch: String?

    @Option(name: .long, help: ArgumentHelp("正式|预备 / full|probationary (on the as-of day).", valueName: "STATUS"))
    var status: String?

    @Option(name: .long, help: ArgumentHelp("职务 / Role: secretary, deputySecretary, committeeMember, groupLeader, member (or 书记, 委员…).", valueName: "ROLE"))
    var role: String?

    @Flag(name: .long, help: "只列欠缴党费的 / Only members behind on dues.")
    var arrears = false

    @Flag(name: .customLong("hours-short"), help: "只列学时未达标的 / Only members short of their training hours.")
    var hoursShort = false

    struct JSONOutput: Encodable {
        struct Dues: Encodable { var category: String; var base: Double?; var amount: Double?; var monthlyDue: Double? }
        struct Hours: Encodable { var activities: Double; var entries: Double; var total: Double; var required: Double; var reached: Bool }
        struct Mobile: Encodable { var `where`: String; var since: String? }
        struct Attendance: Encodable { var listed: Int; var present: Int; var absent: [String: Int]; var rate: Double? }
        struct Review: Encodable { var year: Int; var grade: String; var gradeName: String; var outcome: String? }
        struct Pioneer: Encodable { var total: Double; var rank: Int; var of: Int; var items: [String: Double?] }
        struct Move: Encodable { var date: String; var from: TransferEnd; var to: TransferEnd; var fromName: String; var toName: String; var letterNumber: String? }
        struct Row: Encodable {
            var id: String, name: String, branchId: String, branchName: String, status: String, statusName: String
            var probationEnds: String?, role: String, roleName: String, gender: String?, birthDate: String?, education: String?
            var phone: String?, joinDate: String?, acceptedOn: String?, partyGroupId: String?, mobile: Mobile?, transfers: [Move]
            var dues: Dues?, arrearsMonths: Int, hours: Hours
            var attendance: Attendance, talks: Int, review: Review?, pioneer: Pioneer?
        }
        var asOf: String, year: Int, personalData: String, count: Int, members: [Row]
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let statusWanted = try status.map { text -> MemberStatus in
            guard let s = MemberStatus.named(text) else { throw CLIFailure(message: "--status \(text): " + ProblemKind.unknownCode(text, allowed: MemberStatus.allCases.map(\.rawValue)).message(lang), code: 2) }
            return s
        }
        let roleWanted = try role.map { text -> MemberRole in
            guard let r = MemberRole.named(text) else { throw CLIFailure(message: "--role \(text): " + ProblemKind.unknownCode(text, allowed: MemberRole.allCases.map(\.rawValue)).message(lang), code: 2) }
            return r
        }
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let year = asOf.year
        let ledger = MemberLedger(ws)
        let wantedBranch = try branch.map { try resolveBranch($0, in: ws, lang) }
        let names = Dictionary(ws.organisation.branches.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let branches = wantedBranch.map { [$0] } ?? ws.organisation.branches(inServiceOn: asOf)

        struct Figures {
            var member: Member; var branchId: String; var status: MemberStatus; var arrears: Int; var training: MemberTraining
            var life: LifeAttendance; var talks: Int; var review: ReviewResult?; var pioneer: PioneerRank?; var ranked: Int
        }
        var rows: [Figures] = []
        for b in branches {
            // The branch's 先锋指数 ranking of the year as of the day (its members that day).
            let ranking = ledger.ranking(branchId: b.id, year: year, asOf: asOf)
            let rankOf = Dictionary(ranking.map { ($0.member.id, $0) }, uniquingKeysWith: { a, _ in a })
            for m in ledger.members(of: b.id, on: asOf) {
                let latest = ledger.reviews(of: m.id).filter { $0.year <= year }.max { $0.year < $1.year }
                let f = Figures(member: m, branchId: b.id, status: m.status(on: asOf), arrears: ledger.arrears(m, asOf: asOf),
                                training: ledger.training(m, year: year), life: ledger.organisationalLife(m, year: year, asOf: asOf),
                                talks: ledger.talks(m, year: year, asOf: asOf).count, review: latest, pioneer: rankOf[m.id], ranked: ranking.count)
                if let statusWanted, f.status != statusWanted { continue }
                if let roleWanted, m.role != roleWanted { continue }
                if arrears && f.arrears == 0 { continue }
                if hoursShort && f.training.reached { continue }
                rows.append(f)
            }
        }
        func due(_ m: Member) -> Money? { ledger.monthlyDue(m, YearMonth(asOf)) }
        let hours = { (v: Double) in (v * 100).rounded() / 100 }
        let round4 = { (v: Double) in (v * 10000).rounded() / 10000 }

        switch report.format {
        case .json:
            try Output.json(JSONOutput(asOf: asOf.iso, year: year, personalData: personalDataNote(lang), count: rows.count, members: rows.map { f in
                let m = f.member
                return .init(id: m.id, name: m.name, branchId: f.branchId, branchName: names[f.branchId] ?? f.branchId,
                             status: f.status.rawValue, statusName: f.status.name(lang), probationEnds: m.probationEnd?.iso,
                             role: m.role.rawValue, roleName: m.role.name(lang), gender: m.gender?.rawValue, birthDate: m.birthDate?.iso,
                             education: m.education, phone: m.phone, joinDate: m.joinDate?.iso, acceptedOn: m.acceptedOn?.iso,
                             partyGroupId: m.partyGroupId, mobile: m.mobile.map { .init(where: $0.place, since: $0.since?.iso) },
                             transfers: m.transfers.map { t in .init(date: t.date.iso, from: t.from, to: t.to, fromName: Self.end(t.from, names),
                                                                     toName: Self.end(t.to, names), letterNumber: t.letterNumber) },
                             dues: m.dues.map { .init(category: $0.code.rawValue, base: $0.code == .fixed ? nil : $0.figure,
                                                      amount: $0.code == .fixed ? $0.figure : nil, monthlyDue: due(m)?.yuan) },
                             arrearsMonths: f.arrears,
                             hours: .init(activities: hours(f.training.fromActivities), entries: hours(f.training.fromEntries), total: hours(f.training.total),
                                          required: f.training.required, reached: f.training.reached),
                             attendance: .init(listed: f.life.listed, present: f.life.present,
                                               absent: Dictionary(uniqueKeysWithValues: f.life.absent.map { ($0.key.rawValue, $0.value) }),
                                               rate: f.life.rate.map(round4)),
                             talks: f.talks,
                             review: f.review.map { .init(year: $0.year, grade: $0.grade.rawValue, gradeName: $0.grade.name(lang), outcome: $0.outcome) },
                             pioneer: f.pioneer.map { p in
                                 .init(total: hours(p.index.total), rank: p.rank, of: f.ranked,
                                       items: Dictionary(uniqueKeysWithValues: p.index.items.map { ($0.item.id, $0.points.map(hours)) }))
                             })
            }))
        default:
            let columns: [TextTable.Column] = [
                .init(zh ? "支部" : "Branch", maxWidth: 16), .init(zh ? "姓名" : "Name", maxWidth: 10), .init(zh ? "性别" : "Sex"),
                .init(zh ? "出生日期" : "Born"), .init(zh ? "学历" : "Education", maxWidth: 10), .init(zh ? "状态" : "Status", maxWidth: 22),
                .init(zh ? "职务" : "Role", maxWidth: 10), .init(zh ? "入党日期" : "Joined"), .init(zh ? "电话" : "Phone"),
                .init(zh ? "党费类别" : "Dues category", maxWidth: 22), .init(zh ? "月应交" : "Monthly", .right, number: true),
                .init(zh ? "欠缴月数" : "Behind", .right, number: true), .init(zh ? "学时" : "Hours", .right, number: true),
                .init(zh ? "应达" : "Required", .right, number: true), .init(zh ? "出勤" : "Attendance", .right),
                .init(zh ? "谈心" : "Talks", .right, number: true), .init(zh ? "评议" : "Review", maxWidth: 12),
                .init(zh ? "先锋指数" : "Pioneer", .right), .init(zh ? "备注" : "Notes", maxWidth: 40), .init(zh ? "编号" : "Id"),
            ]
            let table = TextTable(columns: columns, rows: rows.map { f in
                let m = f.member
                var status = f.status.name(lang)
                if f.status == .probationary, let end = m.probationEnd { status += zh ? " (至 \(end.iso))" : " (until \(end.iso))" }
                var notes: [String] = []
                if let mobile = m.mobile { notes.append((zh ? "流动: " : "Mobile: ") + mobile.place) }
                if let move = m.transfers.last(where: { $0.date <= asOf }) {
                    notes.append((zh ? "\(move.date.iso) 自 " : "from ") + Self.end(move.from, names) + (zh ? " 转入" : " on \(move.date.iso)"))
                }
                if !f.training.reached { notes.append(zh ? "学时未达标" : "hours short") }
                if let r = f.review, r.needsFollowUp { notes.append(zh ? "不合格待处置" : "unqualified: follow-up due") }
                let run = ledger.unexcusedAbsenceRun(m, asOf: asOf)
                if run >= ledger.rules.unexcusedAbsenceMonths { notes.append(zh ? "连续\(run)个月无故缺席" : "absent without reason \(run) months") }
                return [names[f.branchId] ?? f.branchId, m.name, m.gender?.name(lang) ?? "", m.birthDate?.iso ?? "", m.education ?? "",
                        status, m.role.name(lang), m.joinDate?.iso ?? "", m.phone ?? "", m.dues?.name(lang) ?? (zh ? "未登记" : "not recorded"),
                        due(m).map(\.description) ?? "", String(f.arrears), formatNumber(hours(f.training.total)),
                        formatNumber(f.training.required),
                        f.life.rate.map { Output.percent($0) + " (\(f.life.present)/\(f.life.judged))" } ?? "-", String(f.talks),
                        f.review.map { "\($0.year) \($0.grade.name(lang))" } ?? "-",
                        f.pioneer.map { String(format: "%.2f", $0.index.total) + " (\($0.rank)/\(f.ranked))" } ?? "-",
                        notes.joined(separator: zh ? "; " : "; "), m.id]
            })
            if report.format == .csv {
                // The note as the sheet's first line, then the table.
                Output.csv([[.text(personalDataNote(lang))]] + table.csvRows)
            } else {
                let title = (zh ? "\(ws.settings.name) 党员名册 (截至 \(asOf.iso), 共 \(rows.count) 名)" : "\(ws.settings.name) roster as of \(asOf.iso): \(rows.count) member(s)")
                Output.emit(table, format: report.format, title: title + "\n" + personalDataNote(lang))
            }
        }
    }

    /// One end of a transfer as people read it: the branch's name, or the outside organisation.
    static func end(_ end: TransferEnd, _ names: [String: String]) -> String {
        switch end {
        case .branch(let id): names[id] ?? id
        case .outside(let text): text
        }
    }
}

/// `partydesk dues`: 党费 collection per branch for a month, or per member of one branch.
struct DuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dues",
        abstract: "党费收缴: 各支部当月应交、已交与收缴率, 或一个支部的每名党员 / Dues collection per branch for a month, or per member of one branch.",
        discussion: """
        应交按党员的党费类别与基数计算 (关于中国共产党党费收缴、使用和管理的规定 2008; 比例见 workspace.json 的 rules.dues); 已交为覆盖该月的交纳记录 \
        (按季度或预交的, 金额平均分摊到所覆盖的月份), 只计 --as-of 当天及以前交纳的。欠缴: 截至上月连续未交的月数。
        Due from each member's dues category and base (the 2008 regulation; the scales are rules.dues in workspace.json); paid from \
        the payments covering the month (a payment for several months is shared equally among them), made on or before the as-of day. \
        Behind: consecutive months unpaid up to the month before the as-of day's.
        """)

    @OptionGroup var report: ReportOptions

    @Option(name: .long, help: ArgumentHelp("月份 / Month (default: the as-of day's).", valueName: "YYYY-MM"))
    var month: String?

    @Option(name: .long, help: ArgumentHelp("支部编号或名称: 列出每名党员 / Branch id or name: one row per member.", valueName: "ID|NAME"))
    var branch: String?

    func validate() throws {
        if let month, YearMonth(iso: month) == nil { throw ValidationError("--month \(month): 应为 YYYY-MM / must be YYYY-MM") }
    }

    struct JSONOutput: Encodable {
        struct Row: Encodable {
            var id: String, name: String, due: Double, paid: Double, rate: Double?, membersOwing: Int, membersPaid: Int
            var dueUnknown: Int, amountUnknown: Int, short: Int
        }
        struct MemberRow: Encodable {
            var id: String, name: String, category: String?, due: Double?, covered: Bool, paid: Double?, short: Bool, arrearsMonths: Int
        }
        var month: String, asOf: String, branches: [Row]?, total: Row?, branch: Row?, members: [MemberRow]?, personalData: String?
    }

    func run() throws {
        let lang = report.lang, zh = lang == .zh
        let (opened, _) = try report.openForFigures(countInJSON: true)
        let ws = opened.workspace
        let asOf = try report.asOf()
        let month = month.flatMap(YearMonth.init(iso:)) ?? YearMonth(asOf)
        let ledger = MemberLedger(ws)
        let round = { (v: Double?) in v.map { ($0 * 10000).rounded() / 10000 } }
        func row(_ c: DuesCollection, _ id: String, _ name: String) -> JSONOutput.Row {
            .init(id: id, name: name, due: c.due.yuan, paid: c.paid.yuan, rate: round(c.rate), membersOwing: c.membersOwing, membersPaid: c.membersPaid,
                  dueUnknown: c.dueUnknown, amountUnknown: c.amountUnknown, short: c.short)
        }
        func cells(_ c: DuesCollection, _ name: String) -> [String] {
            [name, String(c.membersOwing), String(c.membersPaid), c.due.description, c.paid.description, c.rate.map(Output.percent) ?? "-",
             String(c.short), String(c.amountUnknown), String(c.dueUnknown)]
        }
        let title = zh ? "\(ws.settings.name) \(month.year)年\(month.month)月党费收缴 (截至 \(asOf.iso))"
                       : "\(ws.settings.name) dues for \(month.iso) as of \(asOf.iso)"

        if let branchText = branch {
            let b = try resolveBranch(branchText, in: ws, lang)
            let c = ledger.collection(b.id, month, asOf: asOf)
            let members = ledger.everyMember(of: b.id).filter { ledger.duesBranch($0, month) == b.id }
            let figures = members.map { m in (m, ledger.month(m, month, asOf: asOf), ledger.arrears(m, asOf: asOf)) }
            switch report.format {
            case .json:
                try Output.json(JSONOutput(month: month.iso, asOf: asOf.iso, branches: nil, total: nil, branch: row(c, b.id, b.name),
                                           members: figures.map { m, d, behind in
                    .init(id: m.id, name: m.name, category: m.dues?.code.rawValue, due: d.due?.yuan, covered: d.covered, paid: d.paid?.yuan,
                          short: d.short, arrearsMonths: behind)
                }, personalData: personalDataNote(lang)))
            default:
                let columns: [TextTable.Column] = [
                    .init(zh ? "姓名" : "Name", maxWidth: 10), .init(zh ? "党费类别" : "Category", maxWidth: 22),
                    .init(zh ? "应交" : "Due", .right, number: true), .init(zh ? "已交" : "Paid", .right, number: true),
                    .init(zh ? "状态" : "State"), .init(zh ? "欠缴月数" : "Behind", .right, number: true), .init(zh ? "编号" : "Id"),
                ]
                let rows = figures.map { m, d, behind -> [String] in
                    let state = !d.covered ? (zh ? "未交" : "unpaid") : d.paid == nil ? (zh ? "金额不详" : "amount unknown")
                        : d.short ? (zh ? "少交" : "short") : (zh ? "已交" : "paid")
                    return [m.name, m.dues?.name(lang) ?? (zh ? "未登记" : "not recorded"), d.due?.description ?? "",
                            d.paid?.description ?? "", state, String(behind), m.id]
                }
                let summary = zh ? "应交 \(c.due) 元, 已交 \(c.paid) 元, 收缴率 \(c.rate.map(Output.percent) ?? "-"); \(c.membersPaid)/\(c.membersOwing) 人已交"
                                 : "due \(c.due), paid \(c.paid), rate \(c.rate.map(Output.percent) ?? "-"); \(c.membersPaid)/\(c.membersOwing) paid"
                if report.format == .csv {
                    Output.csv([[.text(personalDataNote(lang))]] + TextTable(columns: columns, rows: rows).csvRows)
                } else {
                    Output.emit(TextTable(columns: columns, rows: rows), format: report.format,
                                title: "\(title) \(b.name)\n" + personalDataNote(lang), footer: [summary])
                }
            }
            return
        }

        let branches = ws.organisation.branches(inServiceOn: month.firstDay)
        let collections = branches.map { ledger.collection($0.id, month, asOf: asOf) }
        let total = DuesCollection.total(collections, month: month)
        switch report.format {
        case .json:
            try Output.json(JSONOutput(month: month.iso, asOf: asOf.iso, branches: zip(branches, collections).map { row($1, $0.id, $0.name) },
                                       total: row(total, "", zh ? "合计" : "Total"), branch: nil, members: nil, personalData: nil))
        default:
            let columns: [TextTable.Column] = [
                .init(zh ? "支部" : "Branch", maxWidth: 24), .init(zh ? "应交人数" : "Owing", .right, number: true),
                .init(zh ? "已交人数" : "Paid", .right, number: true), .init(zh ? "应交金额" : "Due", .right, number: true),
                .init(zh ? "已交金额" : "Paid (元)", .right, number: true), .init(zh ? "收缴率" : "Rate", .right),
                .init(zh ? "少交" : "Short", .right, number: true), .init(zh ? "金额不详" : "Amt unknown", .right, number: true),
                .init(zh ? "类别未登记" : "No category", .right, number: true),
            ]
            let rows = zip(branches, collections).map { cells($1, $0.name) } + [cells(total, zh ? "合计" : "Total")]
            Output.emit(TextTable(columns: columns, rows: rows), format: report.format, title: title)
        }
    }
}
