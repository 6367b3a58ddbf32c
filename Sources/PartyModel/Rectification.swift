/// 整改 states: 待整改 → 整改中 → 待验收 → 已销号, with 退回 and 重新打开 back to 整改中.
public enum RectificationStatus: String, CodedEnum {
    case open, inProgress, submitted, closed
}

/// What a person does to a rectification. Each action has exactly one legal starting state
/// (or two, for none), and some need a note.
public enum RectificationAction: Hashable, Sendable {
    /// open → inProgress.
    case start
    /// inProgress → submitted, with the evidence (整改材料).
    case submit(evidence: String)
    /// submitted → closed (销号), with who accepted it.
    case accept(acceptedBy: String)
    /// submitted → inProgress (退回), with the reason.
    case returnForRework(reason: String)
    /// closed → inProgress (重新打开), with the reason.
    case reopen(reason: String)

    public var from: RectificationStatus {
        switch self {
        case .start: .open
        case .submit: .inProgress
        case .accept, .returnForRework: .submitted
        case .reopen: .closed
        }
    }

    public var to: RectificationStatus {
        switch self {
        case .start, .returnForRework, .reopen: .inProgress
        case .submit: .submitted
        case .accept: .closed
        }
    }

    /// Every action, with placeholder notes: the table of legal transitions.
    public static let all: [RectificationAction] = [.start, .submit(evidence: ""), .accept(acceptedBy: ""),
                                             .returnForRework(reason: ""), .reopen(reason: "")]

    public static func isLegal(from: RectificationStatus, to: RectificationStatus) -> Bool {
        all.contains { $0.from == from && $0.to == to }
    }

    var note: String? {
        switch self {
        case .start: nil
        case .submit(let text), .returnForRework(let text), .reopen(let text): text
        case .accept(let who): who
        }
    }
}

/// Why a transition was refused.
public enum TransitionError: Error, Equatable, Sendable {
    case illegal(from: RectificationStatus, to: RectificationStatus)
    case noteRequired(RectificationStatus)
    case beforeLastChange(Day)
}

/// One recorded change of state.
public struct RectificationEvent: Codable, Hashable, Sendable {
    public var date: Day
    public var from: RectificationStatus
    public var to: RectificationStatus
    /// Evidence (submitted), reason (returned, reopened), or empty.
    public var note: String?
    /// Who accepted it (closed).
    public var acceptedBy: String?

    public init(date: Day, from: RectificationStatus, to: RectificationStatus, note: String? = nil, acceptedBy: String? = nil) {
        self.date = date; self.from = from; self.to = to; self.note = note; self.acceptedBy = acceptedBy
    }
}

/// 整改事项: a finding to be closed one by one (整改销号).
public struct Rectification: Codable, Hashable, Sendable {
    public var id: String
    public var branchId: String
    public var sourceCheckId: String?
    public var category: String
    public var description: String
    public var owner: String
    public var openedOn: Day
    public var dueOn: Day
    public var status: RectificationStatus
    public var history: [RectificationEvent]

    public init(id: String, branchId: String, sourceCheckId: String? = nil, category: String, description: String,
                owner: String, openedOn: Day, dueOn: Day, status: RectificationStatus = .open, history: [RectificationEvent] = []) {
        self.id = id; self.branchId = branchId; self.sourceCheckId = sourceCheckId; self.category = category
        self.description = description; self.owner = owner; self.openedOn = openedOn; self.dueOn = dueOn
        self.status = status; self.history = history
    }

    /// The one place that decides which transitions are legal.
    public func applying(_ action: RectificationAction, on day: Day) -> Result<Rectification, TransitionError> {
        guard status == action.from else { return .failure(.illegal(from: status, to: action.to)) }
        if let note = action.note, note.trimmingWhitespace().isEmpty { return .failure(.noteRequired(action.to)) }
        let last = history.last?.date ?? openedOn
        if day < last { return .failure(.beforeLastChange(last)) }
        var next = self
        next.status = action.to
        switch action {
        case .accept(let who):
            next.history.append(RectificationEvent(date: day, from: status, to: action.to, acceptedBy: who.trimmingWhitespace()))
        default:
            next.history.append(RectificationEvent(date: day, from: status, to: action.to, note: action.note?.trimmingWhitespace()))
        }
        return .success(next)
    }

    /// The state on a given day, replayed from the history (nil before it was opened).
    public func status(on day: Day) -> RectificationStatus? {
        guard day >= openedOn else { return nil }
        var state = RectificationStatus.open
        for event in history where event.date <= day { state = event.to }
        return state
    }

    /// The rectification as it stood on `day`: its history replayed up to that day (later events
    /// left out, the status they led to); nil when it was opened after `day`.
    public func asOf(_ day: Day) -> Rectification? {
        guard let state = status(on: day) else { return nil }
        var then = self
        then.history = history.filter { $0.date <= day }
        then.status = state
        return then
    }

    /// Not closed on `day` and due before it.
    public func isOverdue(on day: Day) -> Bool {
        guard let state = status(on: day) else { return false }
        return state != .closed && dueOn < day
    }
}
