import PartyModel
import PartyStore

/// The command line's own words, in Chinese and English.
enum CLIText {
    static func created(_ path: String, _ lang: Language) -> String {
        lang == .zh ? "已创建工作区: \(path)" : "Workspace created: \(path)"
    }

    /// What to do after `init`: open it (without --data when it is at the default place), fill it.
    static func nextSteps(directory: String, isDefault: Bool, _ lang: Language) -> String {
        let open = isDefault ? "partydesk" : "partydesk --data \(directory)"
        let data = isDefault ? "" : " --data \(directory)"
        return lang == .zh
            ? "下一步: 运行 \(open) 打开工作台 (按 2 在支部窗格用 a 新增支部), 或用 partydesk import\(data) --what branches 表格.csv 导入现有台账。"
            : "Next: run \(open) to open the dashboard (pane 2, then a, adds a branch), or bring in an existing sheet with partydesk import\(data) --what branches SHEET.csv."
    }

    static func validateClean(_ path: String, _ lang: Language) -> String {
        lang == .zh ? "检查通过, 未发现问题: \(path)" : "No problems found: \(path)"
    }

    /// The rule settings decoded but not yet read by any rule (Rules.notYetInForce), and why; nil when every one is read.
    static func settingsNotInForce(_ lang: Language) -> String? {
        guard !Rules.notYetInForce.isEmpty else { return nil }
        let list = Rules.notYetInForce.sorted { $0.key < $1.key }.map { "\($0.key) (\(lang == .zh ? $0.value.zh : $0.value.en))" }
        return (lang == .zh ? "注意: 以下规则设置尚未生效: " : "Note: these rule settings are not yet in force: ") + list.joined(separator: lang == .zh ? "; " : "; ")
    }

    static func figuresFromInvalid(_ count: Int, _ lang: Language) -> String {
        lang == .zh ? "注意: 工作区数据有 \(count) 处问题, 以下数字可能不准确 (运行 partydesk validate 查看)"
                    : "Warning: the workspace has \(count) data problem(s); these figures may be wrong (run partydesk validate)"
    }

    /// A command that needs a directory given a database address (by --data or $PARTYDESK_DATA).
    static func directoryNeeded(_ command: String, _ lang: Language) -> String {
        lang == .zh ? "partydesk \(command) 需要一个工作区目录, 而 --data 或 $PARTYDESK_DATA 给的是数据库地址。请用 --data 给出目录。"
                    : "partydesk \(command) needs a workspace directory, and --data or $PARTYDESK_DATA names a database. Give the directory with --data."
    }

    /// A command that works on a directory of JSON files only, given a database (every command that
    /// reads or records works on either; this guards any that reaches for files without asking).
    static func filesOnly(_ lang: Language) -> String {
        lang == .zh
            ? "此命令只能用于 JSON 工作区目录, 而 --data 或 $PARTYDESK_DATA 给的是数据库地址。可先用 partydesk db pull 导出到目录。"
            : "This command works on a directory of JSON files only, and --data or $PARTYDESK_DATA names a database. Pull the workspace into a directory first (partydesk db pull)."
    }

    static func strictRefuses(_ count: Int, _ lang: Language) -> String {
        lang == .zh ? "工作区数据有 \(count) 处问题, --strict 下不输出数字 (运行 partydesk validate 查看)"
                    : "the workspace has \(count) data problem(s): no figures with --strict (run partydesk validate)"
    }

    /// `scores --help`: the day each period's deductions are judged on.
    static let judgingDay = """
        扣分的判定日: 年度视图为 min(--as-of, 该年 12 月 31 日), 季度视图为 min(--as-of, 该季度最后一天) —— \
        已结束年度的逾期整改和换届逾期按 12 月 31 日当天的状态计算, 之后的销号或换届不改变该年得分。
        Deductions are judged on min(--as-of, 31 December) for a year, min(--as-of, the quarter's last day) \
        for a quarter: a closed year's overdue rectifications and overdue term are those of 31 December; \
        closing them later does not change that year's score.
        """

    static func validateHeader(_ path: String, count: Int, _ lang: Language) -> String {
        lang == .zh ? "工作区 \(path) 发现 \(count) 处问题:" : "Workspace \(path): \(count) problem(s):"
    }

    static func summary(_ s: WorkspaceSummary, directory: String, _ lang: Language) -> String {
        let demo = s.isDemo ? (lang == .zh ? " [示例]" : " [demo]") : ""
        let kinds = ActivityKind.allCases.map { "\($0.name(lang)) \(s.activities[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        let tasks = TaskStatus.allCases.map { "\($0.name(lang)) \(s.planTasks[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        let o = s.organisations, m = s.members
        if lang == .zh {
            return """
            \(s.name)\(demo)  \(s.year)年
            工作区: \(directory)
            组织: 党委 \(o.committees), 党总支 \(o.generalBranches), 党支部 \(o.branches), 党小组 \(o.partyGroups)
            党员: 共 \(m.total) 名 (正式 \(m.full), 预备 \(m.probationary)); 花名册 \(m.rostered) 人
            \(s.year)年活动: \(kinds)
            工作任务: \(tasks)
            """
        }
        return """
        \(s.name)\(demo)  \(s.year)
        Workspace: \(directory)
        Organisations: committees \(o.committees), general branches \(o.generalBranches), branches \(o.branches), party groups \(o.partyGroups)
        Members: \(m.total) (full \(m.full), probationary \(m.probationary)); \(m.rostered) on rosters
        Activities in \(s.year): \(kinds)
        Plan tasks: \(tasks)
        """
    }

    static func waitingForLock(_ holder: WorkspaceLock.Holder?, seconds: Double, _ lang: Language) -> String {
        let who = holder?.description ?? (lang == .zh ? "另一个程序" : "another program")
        return lang == .zh ? "工作区正由 \(who) 编辑, 等待其完成 (最多 \(Int(seconds)) 秒)…"
                           : "The workspace is being edited by \(who); waiting for it to finish (up to \(Int(seconds)) s)…"
    }

    static func lockHeld(_ holder: WorkspaceLock.Holder?, seconds: Double, _ lang: Language) -> String {
        let who = holder?.description ?? (lang == .zh ? "另一个程序" : "another program")
        return lang == .zh ? "工作区正由 \(who) 编辑, 等待 \(Int(seconds)) 秒后仍未释放, 未做修改。"
                           : "The workspace is being edited by \(who) and was not released within \(Int(seconds)) s; nothing changed."
    }
}
