/// The words for every `ProblemKind`, in Chinese and English.
public extension ProblemKind {
    func message(_ lang: Language) -> String {
        switch self {
        case .fileMissing:
            return lang.pick("文件不存在", "file is missing")
        case .unreadable(let reason):
            return lang.pick("无法读取: \(reason)", "cannot be read: \(reason)")
        case .syntax(let issue):
            return issue.message(lang)
        case .invalidDate(let text):
            return lang.pick("日期 \"\(text)\" 无效 (应为 YYYY-MM-DD 的真实日期)", "date \"\(text)\" is invalid (expected a real date as YYYY-MM-DD)")
        case .invalidMonth(let text):
            return lang.pick("月份 \"\(text)\" 无效 (应为 YYYY-MM)", "month \"\(text)\" is invalid (expected YYYY-MM)")
        case .unknownCode(let code, let allowed):
            let list = allowed.joined(separator: ", ")
            return lang.pick("无法识别的取值 \"\(code)\" (可用: \(list))", "unknown value \"\(code)\" (allowed: \(list))")
        case .missingField(let key):
            return lang.pick("缺少必填字段 \"\(key)\"", "required field \"\(key)\" is missing")
        case .wrongType(let expected):
            return lang.pick("类型不对, 应为\(typeName(expected, lang))", "wrong type, expected \(typeName(expected, lang))")
        case .numberOutOfRange:
            return lang.pick("数值超出范围", "number out of range")
        case .schemaTooNew(let found, let supported):
            return lang.pick("数据格式版本 \(found) 比本程序支持的 \(supported) 新, 请升级 PartyDesk 后再打开",
                             "schema version \(found) is newer than this build supports (\(supported)); upgrade PartyDesk to open it")
        case .schemaInvalid(let found):
            return lang.pick("数据格式版本 \(found) 无效", "schema version \(found) is invalid")
        case .wrongShard(let fileYear, let dateYear):
            return lang.pick("该活动日期在 \(dateYear) 年, 却存放在 \(fileYear) 年的文件中", "activity dated \(dateYear) is filed under \(fileYear)")
        case .wrongBranchFile(let branch, let file):
            return lang.pick("该记录属于支部 \(branch), 应存放在 \(file)", "record of branch \(branch) belongs in \(file)")
        case .other(let text):
            return text
        case .duplicateId(let id):
            return lang.pick("编号 \"\(id)\" 重复", "duplicate id \"\(id)\"")
        case .unknownBranch(let id):
            return lang.pick("引用了不存在的支部 \"\(id)\"", "refers to unknown branch \"\(id)\"")
        case .unknownParent(let id):
            return lang.pick("上级组织 \"\(id)\" 不存在", "parent organisation \"\(id)\" does not exist")
        case .unknownGroup(let group, let branch):
            return lang.pick("党小组 \"\(group)\" 不属于支部 \"\(branch)\"", "party group \"\(group)\" is not in branch \"\(branch)\"")
        case .unknownSection(let id):
            return lang.pick("引用了不存在的章节 \"\(id)\"", "refers to unknown section \"\(id)\"")
        case .negative(let value):
            return lang.pick("不能为负数 (\(formatNumber(value)))", "must not be negative (\(formatNumber(value)))")
        case .attendedExceedsExpected(let attended, let expected):
            return lang.pick("实到人数 \(attended) 超过应到人数 \(expected)", "attended \(attended) exceeds expected \(expected)")
        case .implausibleDate(let day, let earliest, let latest):
            return lang.pick("日期 \(day.iso) 不在合理范围 \(earliest)–\(latest) 年内", "date \(day.iso) is outside the plausible years \(earliest)–\(latest)")
        case .termEndsBeforeStart(let start, let end):
            return lang.pick("任期结束 \(end.iso) 早于开始 \(start.iso)", "term ends \(end.iso) before it starts \(start.iso)")
        case .termTooLong(let start, let end, let years):
            return lang.pick("任期 \(start.iso) 至 \(end.iso) 超过 \(years) 年", "term \(start.iso) to \(end.iso) is longer than \(years) years")
        case .outOfRange(let value, let min, let max):
            return lang.pick("\(formatNumber(value)) 超出范围 \(formatNumber(min))–\(formatNumber(max))", "\(formatNumber(value)) is outside \(formatNumber(min))–\(formatNumber(max))")
        case .emptyRequired:
            return lang.pick("不能为空", "must not be empty")
        case .controlCharacter(let value):
            let shown = Unicode.Scalar(value).flatMap(TerminalText.standIn) ?? "?"
            let code = TerminalText.codePoint(value)
            return lang.pick("含有控制字符 \(shown) (\(code)), 名称、标题、编号和日期中不能有; 请删除该字符后再保存",
                             "holds the control character \(shown) (\(code)), which names, titles, ids and dates cannot contain; remove it and save again")
        case .schemeTotal(let total):
            return lang.pick("评分细则各项满分合计为 \(formatNumber(total)), 应为 100。请调整 scoring.json 中 items 的 max",
                             "the scheme's item maxima total \(formatNumber(total)), not 100; adjust the items' max in scoring.json")
        case .unknownCategory(let id):
            return lang.pick("类别 \"\(id)\" 不在评分细则的 categories 中", "category \"\(id)\" is not among the scheme's categories")
        case .unknownCheckItem(let id):
            return lang.pick("检查项 \"\(id)\" 不在检查模板中", "check item \"\(id)\" is not in the check template")
        case .unknownCheck(let id):
            return lang.pick("来源检查 \"\(id)\" 不存在", "source check \"\(id)\" does not exist")
        case .checkMaxMismatch(let item, let scheme, let template):
            return lang.pick("评分项满分 \(formatNumber(scheme)) 与检查项 \"\(item)\" 的满分 \(formatNumber(template)) 不一致",
                             "item maximum \(formatNumber(scheme)) differs from check item \"\(item)\" maximum \(formatNumber(template))")
        case .notHalfStep(let value):
            return lang.pick("得分 \(formatNumber(value)) 应以 0.5 为步长", "points \(formatNumber(value)) must be in steps of 0.5")
        case .duplicateCheck(let branch, let quarter):
            return lang.pick("支部 \"\(branch)\" 在 \(quarter.year)年第\(quarter.number)季度已有检查记录",
                             "branch \"\(branch)\" already has a check for \(quarter.year) Q\(quarter.number)")
        case .dueBeforeOpened(let opened, let due):
            return lang.pick("整改期限 \(due.iso) 早于发现日期 \(opened.iso)", "due date \(due.iso) is before the opening date \(opened.iso)")
        case .illegalTransition(let from, let to):
            return TransitionError.illegal(from: from, to: to).message(lang)
        case .historyMismatch(let status, let last):
            let lastName = last.map { $0.name(lang) } ?? RectificationStatus.open.name(lang)
            return lang.pick("状态为\(status.name(lang)), 但历史记录最后为\(lastName)", "status is \(status.name(lang)) but the history ends at \(lastName)")
        case .historyOutOfOrder(let day):
            return lang.pick("历史记录日期 \(day.iso) 早于前一条", "history date \(day.iso) is earlier than the entry before it")
        case .noteMissing:
            return lang.pick("缺少必填说明 (整改材料、退回原因或验收人)", "a required note is missing (evidence, reason or who accepted it)")
        case .notManualItem(let id):
            return lang.pick("\"\(id)\" 不是手工评分项", "\"\(id)\" is not a manual scoring item")
        case .periodMismatch(let id):
            return lang.pick("评分项 \"\(id)\" 的周期与所填季度不符 (季度项需填 quarter, 年度项不填)",
                             "the period does not match item \"\(id)\" (quarter items need a quarter, year items none)")
        case .unknownMember(let id):
            return lang.pick("引用了不存在的党员 \"\(id)\"", "refers to unknown member \"\(id)\"")
        case .duplicateMonth(let month):
            return lang.pick("月份 \(month.iso) 重复", "month \(month.iso) is listed twice")
        case .notWholeFen(let value):
            return lang.pick("金额 \(formatNumber(value)) 元应精确到分 (最多两位小数)", "amount \(formatNumber(value)) must be in whole fen (at most two decimals)")
        case .transferChainBroken(let index):
            return lang.pick("第 \(index + 1) 次转接的转出方与上一次的转入方不一致", "transfer \(index + 1) does not start where the one before it ended")
        case .transferToItself:
            return lang.pick("转出方与转入方相同", "a transfer to where it came from")
        case .transferEndsElsewhere(let expected):
            return lang.pick("最后一次转入本党委的支部应为党员所在支部 \"\(expected)\"",
                             "the last transfer within the workspace must end in the member's branch \"\(expected)\"")
        case .unknownOrganisation(let id):
            return lang.pick("引用了不存在的组织 \"\(id)\" (应为党委、党总支或支部的编号)", "refers to unknown organisation \"\(id)\" (the committee's, a general branch's or a branch's id)")
        case .unknownAssignee(let task, let scope, let id):
            switch scope {
            case .sector: return lang.pick("任务 \(task) 分配给了不存在的类别 \"\(id)\"", "task \(task) is assigned to unknown sector \"\(id)\"")
            case .generalBranch: return lang.pick("任务 \(task) 分配给了不存在的党总支 \"\(id)\"", "task \(task) is assigned to unknown general branch \"\(id)\"")
            case .all, .branches: return lang.pick("任务 \(task) 分配给了不存在的支部 \"\(id)\"", "task \(task) is assigned to unknown branch \"\(id)\"")
            }
        case .unknownOccurrence(let task, let period):
            return lang.pick("任务 \(task) 没有 \"\(period)\" 这一期 (按其周期: 2026-10、2026-Q4、2026-H2 或 2026)", "task \(task) has no occurrence \"\(period)\" (by its rhythm: 2026-10, 2026-Q4, 2026-H2 or 2026)")
        case .phaseEndsBeforeStart(let start, let end):
            return lang.pick("结束日期 \(end.iso) 早于开始日期 \(start.iso)", "ends on \(end.iso), before it starts on \(start.iso)")
        case .unknownPlanItem(let id):
            return lang.pick("引用了工作方案中不存在的条目 \"\(id)\" (应为 plan.json 中部分或任务的编号)", "refers to unknown plan item \"\(id)\" (a section's or a task's id of plan.json)")
        case .unknownStage(let code):
            return lang.pick("未知的发展阶段 \"\(code)\" (应为阶段代码、reserve 或 developed)", "unknown stage \"\(code)\" (a stage code, reserve or developed)")
        case .duplicateQuarter(let q):
            return lang.pick("\(q) 已录入过一次", "\(q) is entered twice")
        case .fundsStandardEmpty:
            return lang.pick("经费标准应设每人每年 (perMember) 或每个支部每年 (perBranch) 的金额", "a funds standard needs perMember or perBranch")
        case .notPositive(let value):
            return lang.pick("金额 \(formatNumber(value)) 应大于 0", "amount \(formatNumber(value)) must be above 0")
        case .duesScale:
            return lang.pick("党费比例档次应按上限从低到高排列, 最后一档不设上限", "dues brackets must rise by their upper limit, the last without one")
        case .probationBeforeAcceptance:
            return lang.pick("预备期满日期应晚于支部大会接收日期", "the probation must end after the day the member was accepted")
        case .notOnRoster(let member, let branch, let day):
            return lang.pick("党员 \"\(member)\" \(day.iso) 不在支部 \"\(branch)\" 的名册上", "member \"\(member)\" was not on branch \"\(branch)\"'s roster on \(day.iso)")
        case .listedTwice(let member):
            return lang.pick("党员 \"\(member)\" 在签到表中出现两次", "member \"\(member)\" is listed twice")
        case .reasonForPresent:
            return lang.pick("已到会的党员不应填写缺席原因", "a member who was present has no absence reason")
        case .participantsNotTalk:
            return lang.pick("只有谈心谈话记录参加人 (participants); 其他活动用签到 (attendance)", "only a talk has participants; other activities keep an attendance list")
        case .talkNeedsTwo:
            return lang.pick("谈心谈话至少要有两名参加人", "a talk needs at least two participants")
        case .reviewTwice(let member, let year):
            return lang.pick("党员 \"\(member)\" \(year)年已有民主评议结果", "member \"\(member)\" already has a \(year) review result")
        case .notReviewActivity(let id):
            return lang.pick("\"\(id)\" 不是本支部当年的民主评议党员活动", "\"\(id)\" is not a democratic review activity of this branch and year")
        case .notManualPioneerItem(let id):
            return lang.pick("\"\(id)\" 不是先锋指数中的手工记分项 (rules.pioneer)", "\"\(id)\" is not a manual item of the pioneer index (rules.pioneer)")
        case .developmentRule(let violation):
            return violation.message(lang) + lang.pick(" (如属特殊情况, 请在该步骤记录例外及理由)", " (if this is a special case, record an exception with its reason on the step)")
        case .developmentException(let exception):
            return exception.message(lang)
        case .stageBehindSteps(let recorded, let steps):
            return lang.pick("阶段为 \(recorded.name(.zh)), 但已记录的步骤已到 \(steps.name(.zh))", "the stage is \(recorded.name(.en)) but the steps recorded reach \(steps.name(.en))")
        }
    }

    private func typeName(_ code: String, _ lang: Language) -> String {
        switch code {
        case "string": return lang.pick("文本", "text")
        case "number": return lang.pick("数字", "a number")
        case "integer": return lang.pick("整数", "a whole number")
        case "boolean": return lang.pick("true/false", "true/false")
        case "array": return lang.pick("列表 [...]", "a list [...]")
        case "object": return lang.pick("对象 {...}", "an object {...}")
        default: return code
        }
    }
}

public extension SyntaxIssue {
    func message(_ lang: Language) -> String {
        switch self {
        case .unexpectedCharacter(let c): return lang.pick("JSON 语法错误: 意外的字符 \(c)", "JSON syntax error: unexpected character \(c)")
        case .unexpectedEnd: return lang.pick("JSON 不完整: 文件意外结束", "incomplete JSON: unexpected end of file")
        case .invalidUTF8: return lang.pick("不是有效的 UTF-8 文本", "not valid UTF-8 text")
        case .invalidEscape: return lang.pick("JSON 字符串中的转义无效", "invalid escape in a JSON string")
        case .invalidNumber: return lang.pick("数字格式无效", "invalid number")
        case .numberOutOfRange: return lang.pick("数值超出范围", "number out of range")
        case .tooDeep(let limit): return lang.pick("嵌套超过 \(limit) 层", "nested deeper than \(limit) levels")
        case .trailingContent: return lang.pick("JSON 结束后还有多余内容", "extra content after the JSON value")
        case .emptyFile: return lang.pick("文件为空", "file is empty")
        case .duplicateKey(let key):
            return lang.pick("键 \"\(key)\" 在同一对象中出现两次, 无法确定取哪一个: 请删去其中一个",
                             "the key \"\(key)\" appears twice in the same object, so which value is meant is unknown: remove one")
        }
    }
}

/// A share as every view writes it — the dashboard, the wall, the command line, the report: whole
/// percent, rounded half up (0.835 → 84%). The exact ratio is in the JSON output.
public func formatPercent(_ ratio: Double) -> String {
    guard ratio.isFinite else { return "-" }
    return "\(Int((ratio * 100 + 1e-9).rounded(.toNearestOrAwayFromZero)))%"
}

/// Numbers as people write them: 3 not 3.0, 2.5 as is.
public func formatNumber(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}
