import PartyModel

/// A person's page in the 发展党员 pipeline: who they are, what comes next and by when (first: it is
/// what the page is opened for), then the steps done in date order with the people, figures and
/// exceptions each records.
extension DetailView {
    static func candidate(_ id: String, _ state: AppState) -> [DetailLine] {
        let data = state.data, lang = state.lang
        guard let c = data.workspace.candidates.first(where: { $0.id == id }) else { return [DetailLine(id)] }
        let rules = data.workspace.settings.rules.development
        let progress = DevelopmentPipeline.progress(c, asOf: data.asOf, rules: rules)
        let stage = DevelopmentRecord.stage(of: c)
        func field(_ label: String, _ value: String, _ role: StyleRole = .text, width: Int = 26) -> [(String, StyleRole)] {
            [(DisplayWidth.pad(label, to: 10), .muted), (DisplayWidth.pad(value.isEmpty ? "-" : value, to: width) + "  ", role)]
        }
        var out: [DetailLine] = []
        out.append(DetailLine([(c.name, .title), ("   " + lang.pick("编号 ", "id ") + c.id, .muted)]))
        out.append(DetailLine(field(lang.pick("支部", "Branch"), data.branchName(c.branchId))
                              + field(lang.pick("阶段", "Stage"), stage.name(lang), stage.isOpen ? .accent : .muted)))
        out.append(DetailLine(field(lang.pick("性别", "Gender"), c.gender?.name(lang) ?? "")
                              + field(lang.pick("出生日期", "Born"), c.birthDate?.iso ?? "")))
        var standing = field(lang.pick("在校学生", "Student"), c.student ? lang.pick("是", "yes") : lang.pick("否", "no"))
        if let end = progress.probationEnd { standing += field(lang.pick("预备期至", "Probation to"), end.iso) }
        out.append(DetailLine(standing))
        if let memberId = c.memberId {
            out.append(DetailLine(field(lang.pick("花名册", "Roster"), memberId)))
        }
        out.append(.blank)

        out.append(DetailLine(lang.pick("下一步", "Next"), .header))
        if progress.pending.isEmpty { out.append(DetailLine(lang.pick("(无)", "(none)"), .muted)) }
        for p in progress.pending {
            let role: StyleRole = switch p.state {
            case .overdue: .bad
            case .blocked: .warn
            case .due: .accent
            default: .muted
            }
            var when = ""
            if let due = p.due { when = lang.pick("应于 \(due.iso) 前", "by \(due.iso)") }
            else if let earliest = p.earliest { when = lang.pick("不早于 \(earliest.iso)", "not before \(earliest.iso)") }
            let missing = p.missing.isEmpty ? "" : lang.pick("  先办: ", "  first: ") + p.missing.map { $0.name(lang) }.joined(separator: "、")
            out.append(DetailLine([(DisplayWidth.pad(p.state.name(lang), to: 8) + " ", role), (DisplayWidth.pad(p.kind.name(lang), to: 18) + " ", .text),
                                   (when, role), (missing, .warn)]))
        }
        out.append(.blank)

        out.append(DetailLine(lang.pick("已办步骤 (\(c.steps.count))", "Steps done (\(c.steps.count))"), .header))
        for step in c.steps {
            var pieces: [(String, StyleRole)] = [(step.date.iso + "  ", .muted), (DisplayWidth.pad(step.kind.name(lang), to: 18) + " ", .text)]
            var facts: [String] = []
            if !step.people.isEmpty { facts.append(step.people.map { $0.name ?? $0.memberId ?? "" }.joined(separator: "、")) }
            if let body = step.body { facts.append(body.name(lang)) }
            if let days = step.days {
                facts.append(step.kind == .publicNotice ? lang.pick("\(formatNumber(days)) 个工作日", "\(formatNumber(days)) working days")
                                                        : lang.pick("\(formatNumber(days)) 天", "\(formatNumber(days)) days"))
            }
            if let hours = step.hours { facts.append(lang.pick("\(formatNumber(hours)) 学时", "\(formatNumber(hours)) h")) }
            if let months = step.months { facts.append(lang.pick("\(months) 个月", "\(months) months")) }
            if let present = step.present, let entitled = step.entitled {
                facts.append(lang.pick("应到 \(entitled) 实到 \(present)", "\(present) of \(entitled) present")
                             + (step.inFavour.map { lang.pick(" 赞成 \($0)", ", \($0) in favour") } ?? ""))
            }
            if let note = step.note { facts.append(note) }
            pieces.append((facts.joined(separator: "; "), .text))
            out.append(DetailLine(pieces))
            if let exception = step.exception {
                let broken = exception.rules.compactMap(DevelopmentRule.init(rawValue:)).map { $0.name(lang) }.joined(separator: "、")
                out.append(DetailLine([("            ", .muted), (lang.pick("例外: ", "exception: ") + exception.reason
                                       + (broken.isEmpty ? "" : lang.pick(" (违反: \(broken))", " (breaks: \(broken))")), .warn)]))
            }
        }
        return out
    }
}
