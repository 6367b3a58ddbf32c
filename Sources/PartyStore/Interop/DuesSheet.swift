import Foundation
import PartyModel

/// The 党费 sheet offices keep: one row per member (姓名 and/or 编号, 支部) and a column per month
/// (1月 … 12月, or 一月 … 十二月, 2026年1月, 2026-01) holding the amount paid. `partydesk import
/// --what dues` reads one year of it into payments; `export --what dues` writes the same shape.
///
/// Each non-empty month cell is a payment covering that month with that amount (method unknown,
/// paid on the month's last day, or on the import day when that is earlier: paying ahead). A mark
/// instead of an amount (√, ✓, 已交, 已缴) is a payment of unknown amount. 0 is no payment. A month a
/// payment already covers is unchanged when the amount is the same (the payment's share of it), and
/// a change of that payment's amount, shown before → after, when it is not; an empty cell changes
/// nothing (an import never clears what a sheet cannot say). A member is matched by 编号, else by
/// 支部 + 姓名 among the members the branch has had; a name it has not had is a problem naming the line.
enum DuesSheet {
    /// What a row says before it is matched.
    struct Row {
        var name = ""
        var id = ""
        var branchId = ""
        /// Month (1 … 12) → the cell as written.
        var cells: [Int: String] = [:]
    }

    static let chineseMonths = ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"]
    static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    /// Cells that say "paid" without an amount.
    static let paidMarks: Set<String> = ["√", "✓", "✔", "已交", "已缴", "已交纳", "已缴纳", "paid"]

    /// 姓名, 支部, the twelve months of `year`, 编号 — in the order an export writes them.
    static func columns(year: Int, _ lang: Language, _ names: SheetNames) -> [Column<Row>] {
        var out: [Column<Row>] = [
            Column(zh: "姓名", en: "Name", aliases: ["名字", "党员姓名"], get: { $0.name }, set: Sheets.set { $0.name = Cell.trimmed($1) }),
            Sheets.branchColumn(\Row.branchId, lang, names),
        ]
        for m in 1...12 {
            let two = m < 10 ? "0\(m)" : "\(m)"
            let aliases = ["\(m)月", "\(two)月", chineseMonths[m - 1], "\(year)年\(m)月", "\(year)年\(two)月", "\(year)-\(two)", "\(year)-\(m)",
                           "\(year).\(m)", "\(year).\(two)", "\(year)/\(m)", "\(year)/\(two)", "\(year)\(two)", "\(m)月份", englishMonths[m - 1].lowercased()]
            out.append(Column(zh: "\(m)月", en: englishMonths[m - 1], aliases: aliases, get: { $0.cells[m] ?? "" },
                              set: { r, s, _ in r.cells[m] = s; return nil }))
        }
        out.append(Column(zh: "编号", en: "Id", aliases: ["id", "ID", "党员编号"], get: { $0.id }, set: Sheets.set { $0.id = Cell.trimmed($1) }))
        return out
    }

    // MARK: Export

    /// The header and a row per member who
    /// owed 党费 in some month of `year` (in their branch of the year's last month they owed; by branch,
    /// then roster order): each month the amount its payments allot it (已交 when unknown), empty when
    /// unpaid; the id last.
    static func export(_ ws: Workspace, year: Int, lang: Language) -> [[CSV.Cell]] {
        let names = SheetNames(ws)
        let columns = columns(year: year, lang, names)
        let ledger = MemberLedger(ws)
        let months = (1...12).compactMap { YearMonth(year: year, month: $0) }
        // The export command says the file holds personal data (a first line, or a sheet of its own).
        var rows: [[CSV.Cell]] = [columns.map { .text($0.header(lang)) }]
        var seen = Set<String>()
        for branch in ws.organisation.branches {
            for m in ledger.everyMember(of: branch.id) where !seen.contains(m.id) {
                guard let last = months.last(where: { ledger.duesBranch(m, $0) != nil }), ledger.duesBranch(m, last) == branch.id else { continue }
                seen.insert(m.id)
                let covering = ledger.payments(of: m.id)
                var row: [CSV.Cell] = [.text(m.name), .text(names.branch(branch.id))]
                for month in months {
                    let list = covering.filter { $0.months.contains(month) }
                    if list.isEmpty { row.append(.text("")); continue }
                    let shares = list.map { $0.share(of: month) }
                    if shares.contains(where: { $0 == nil }) { row.append(.text(lang.pick("已交", "paid"))); continue }
                    row.append(.number(formatted: shares.reduce(Money.zero) { $0 + $1! }.description))
                }
                row.append(.text(m.id))
                rows.append(row)
            }
        }
        return rows
    }

    // MARK: Import

    /// A month cell read: an amount, a mark of payment without one, or nothing.
    enum Amount: Equatable { case none, unknown, amount(Money) }

    static func amount(_ text: String) -> Result<Amount, ImportProblem> {
        let t = Cell.trimmed(text)
        if t.isEmpty { return .success(.none) }
        if paidMarks.contains(NameKey.of(t)) { return .success(.unknown) }
        switch Cell.number(t) {
        case .success(let v?):
            if v < 0 || !Money.isWholeFen(v) { return .failure(ImportProblem(kind: .badNumber, value: t)) }
            return .success(v == 0 ? .none : .amount(Money(yuan: v)))
        case .success(nil): return .success(.none)
        case .failure(let p): return .failure(p)
        }
    }

    /// `idsTaken`: new ids also taken besides the workspace's (`IdFloors`).
    static func plan(_ grid: SheetGrid, file: String, into ws: Workspace, year: Int, today: Day, lang: Language,
                     idsTaken: (@Sendable (String) -> Bool)? = nil) -> LedgerSheet.Plan {
        var plan = LedgerSheet.Plan()
        let names = SheetNames(ws)
        let columns = columns(year: year, lang, names)
        guard var layout = SheetLayout.find(grid, columns: columns) else {
            plan.problems.append("\(file): " + lang.pick("文件为空", "the file is empty"))
            return plan
        }
        let header = grid.rows[layout.header]
        let index = layout.index
        let monthColumns = (2..<14).filter { index[$0] != nil }
        if index[1] == nil { plan.problems.append("\(file):\(header.line): " + lang.pick("缺少列 支部", "missing column Branch")) }
        if index[0] == nil && index[14] == nil { plan.problems.append("\(file):\(header.line): " + lang.pick("缺少列 姓名 (或 编号)", "missing column Name (or Id)")) }
        if monthColumns.isEmpty {
            plan.problems.append("\(file):\(header.line): " + lang.pick("没有找到 \(year)年的月份列 (1月 … 12月, 一月 … 十二月, \(year)年1月, \(year)-01; 其他年份用 --year)",
                                                                   "no month columns of \(year) (1月 … 12月, Jan … Dec, \(year)-01; another year: --year)"))
        }
        if !plan.problems.isEmpty { return plan }
        let used = Set(index.values)
        plan.ignoredColumns = header.fields.enumerated().compactMap { i, cell in
            let name = Cell.trimmingSpace(cell)
            return used.contains(i) || name.isEmpty ? nil : name
        }
        let merged = SheetLayout.mergedBelow(grid)
        let positionOfLine = merged.isEmpty ? [:] : Dictionary(grid.rows.enumerated().map { ($1.line, $0) }, uniquingKeysWith: { a, _ in a })
        let ctx = ImportContext(workspace: ws)
        let ledger = MemberLedger(ws)
        var ids = NewIds(taken: ws.duesPayments.lazy.map(\.id), elsewhere: idsTaken)
        // Payments as the plan leaves them: the workspace's, then those it adds or changes.
        var byMember: [String: [DuesPayment]] = [:]
        for p in ws.duesPayments { byMember[p.memberId, default: []].append(p) }
        var original: [String: DuesPayment] = [:], order: [String] = []
        var above: String?
        for record in grid.rows[(layout.header + 1)...] {
            if let reason = layout.skipReason(record.fields, headerFields: header.fields) {
                layout.skipped.append(SkippedRow(line: record.line, reason: reason))
                continue
            }
            var r = Row()
            var problems: [String] = []
            for (c, column) in columns.enumerated() {
                guard let i = index[c], let set = column.set else { continue }
                var value = i < record.fields.count ? record.fields[i] : ""
                if column.fillsDown {
                    if Cell.trimmingSpace(value).isEmpty, let top = merged[SheetLayout.MergedCell(line: record.line, position: i)],
                       let p = positionOfLine[top], i < grid.rows[p].fields.count {
                        value = grid.rows[p].fields[i]
                        plan.filledDown.append(record.line); plan.filledDownColumn = Cell.trimmingSpace(header.fields[i])
                    } else if Cell.trimmingSpace(value).isEmpty, let last = above {
                        value = last
                        plan.filledDown.append(record.line); plan.filledDownColumn = Cell.trimmingSpace(header.fields[i])
                    }
                    above = value
                }
                if let bad = TerminalText.firstUnsafe(in: Cell.trimmed(value)) {
                    problems.append(ImportProblem(kind: .controlCharacter(bad.value), value: value).message(column: column.header(lang), lang: lang))
                    continue
                }
                if let problem = set(&r, value, ctx) { problems.append(problem.message(column: column.header(lang), lang: lang)) }
            }
            // The amounts.
            var amounts: [YearMonth: Amount] = [:]
            for c in monthColumns {
                let m = c - 1
                switch amount(r.cells[m] ?? "") {
                case .success(.none): break
                case .success(let a): amounts[YearMonth(year: year, month: m)!] = a
                case .failure(let p): problems.append(p.message(column: columns[c].header(lang), lang: lang))
                }
            }
            // The member.
            var member: Member?
            if problems.isEmpty {
                if !r.id.isEmpty {
                    member = ledger.member(r.id)
                    if member == nil { problems.append(lang.pick("编号 \(r.id): 没有这个党员", "Id \(r.id): no such member")) }
                } else if r.name.isEmpty {
                    problems.append(lang.pick("列 姓名: 必填, 不能为空", "column Name: required"))
                } else {
                    let named = ledger.everyMember(of: r.branchId).filter { NameKey.of($0.name) == NameKey.of(r.name) }
                    if named.count == 1 { member = named[0] }
                    else if named.isEmpty {
                        problems.append(lang.pick("\(names.branch(r.branchId)) 没有名为 \(r.name) 的党员 (核对姓名和支部, 或加 编号 列)",
                                                  "\(names.branch(r.branchId)) has no member named \(r.name) (check the name and branch, or add an Id column)"))
                    } else {
                        problems.append(lang.pick("\(names.branch(r.branchId)) 有 \(named.count) 名党员叫 \(r.name), 请加 编号 列 (\(named.map(\.id).joined(separator: "、")))",
                                                  "\(names.branch(r.branchId)) has \(named.count) members named \(r.name): add an Id column (\(named.map(\.id).joined(separator: ", ")))"))
                    }
                }
            }
            if !problems.isEmpty {
                plan.problems += problems.map { "\(file):\(record.line): \($0)" }
                continue
            }
            guard let member, !amounts.isEmpty else { continue }
            // Months a payment covers: as they are, or that payment's amount changed; the others, new payments.
            var touched: [String: [YearMonth: Amount]] = [:], fresh: [(YearMonth, Amount)] = []
            let current = byMember[member.id] ?? []
            for month in amounts.keys.sorted() {
                let covering = current.filter { $0.months.contains(month) }
                if covering.isEmpty { fresh.append((month, amounts[month]!)); continue }
                if covering.count > 1 {
                    // Several payments for one month (entered twice): the same total is fine, another is for a person to settle.
                    let total = covering.compactMap { $0.share(of: month) }.reduce(Money.zero, +)
                    if case .amount(let a) = amounts[month]!, covering.allSatisfy({ $0.amount != nil }), a != total {
                        plan.problems.append("\(file):\(record.line): " + lang.pick("\(month.iso) 已有 \(covering.count) 笔交纳记录 (\(covering.map(\.id).joined(separator: "、"))), 请在仪表盘中核对",
                                                                           "\(month.iso) is covered by \(covering.count) payments (\(covering.map(\.id).joined(separator: ", "))): settle it in the dashboard"))
                    } else { plan.unchanged += 1 }
                    continue
                }
                touched[covering[0].id, default: [:]][month] = amounts[month]!
            }
            for (id, given) in touched.sorted(by: { $0.key < $1.key }) {
                guard let k = current.firstIndex(where: { $0.id == id }) else { continue }
                let p = current[k]
                // The payment's new amount: the sheet's for the months it gives, the payment's shares for the rest.
                var total = Money.zero, known = true, differs = false
                for month in p.months {
                    if case .amount(let a)? = given[month] {
                        total += a
                        if p.share(of: month) != a { differs = true }
                    } else if let share = p.share(of: month) { total += share } else { known = false }
                }
                guard differs else { plan.unchanged += given.count; continue }
                guard known else {
                    plan.problems.append("\(file):\(record.line): " + lang.pick("\(p.id) 覆盖 \(p.months.map(\.iso).joined(separator: "、")), 金额不详; 请在表中填全这些月份的金额, 或在仪表盘中修改",
                                                                       "\(p.id) covers \(p.months.map(\.iso).joined(separator: ", ")) of unknown amount: give every one of those months an amount, or change it in the dashboard"))
                    continue
                }
                var changed = p
                changed.amount = total.yuan
                if original[p.id] == nil && !order.contains(p.id) {
                    original[p.id] = p
                    order.append(p.id)
                }
                byMember[member.id]![byMember[member.id]!.firstIndex(where: { $0.id == p.id })!] = changed
                plan.idsSeen.insert(p.id)
            }
            for (month, a) in fresh {
                let paidOn = min(month.lastDay, today)
                var amount: Double? = nil
                if case .amount(let money) = a { amount = money.yuan }
                let p = DuesPayment(id: ids.duesPayment(year: paidOn.year), memberId: member.id, branchId: r.branchId, months: [month],
                                    amount: amount, paidOn: paidOn)
                byMember[member.id, default: []].append(p)
                order.append(p.id)
            }
            plan.rowYears.insert(year)
        }
        plan.skipped = layout.skipped
        if !plan.problems.isEmpty { return plan }
        var changes: [Change] = []
        let final = Dictionary(byMember.values.joined().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in order {
            guard let now = final[id] else { continue }
            if let before = original[id] {
                changes.append(.duesPayment(before: before, after: now)); plan.changed.append(id)
            } else {
                changes.append(.duesPayment(before: nil, after: now)); plan.added.append(id)
            }
        }
        if !changes.isEmpty { plan.change = changes.count == 1 ? changes[0] : .batch(changes) }
        return plan
    }
}
