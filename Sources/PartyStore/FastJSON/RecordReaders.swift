import PartyModel

// Direct readers for the records that come by the hundred thousand (activities, members, checks,
// rectifications): one pass over an object's keys instead of a keyed lookup per field through the
// `Decoder` protocol. Measured on a county workspace they more than halve the decoding time.
//
// They only take the short cut: a key they do not know, a missing or null required field, a value
// of another type or an unknown code throws `TapeDecoder.Unsupported`, and the file is then read by
// JSONDecoder through the model's own `Decodable` conformances — which stay the rules, and word
// every error. A field added to a model but not here therefore never goes missing: files that hold
// it take the slow path. FastDecodeTests checks both paths give equal values on the demo.

/// A record read straight off the tape.
protocol TapeReadable {
    init(tape: JSONTape, object: Int) throws
}

/// A whole file read straight off the tape.
protocol TapeDocument {
    init(tape: JSONTape) throws
}

extension JSONTape {
    /// Calls `field` with each key of the object at `index` and the index of its value. (No key is
    /// given twice: the tape refuses such an object.)
    func forEachField(_ index: Int, _ field: (String, Int) throws -> Void) throws {
        let node = nodes[index]
        guard node.kind == .object else { throw TapeDecoder.Unsupported() }
        var k = index + 1
        for _ in 0..<node.count {
            guard let key = string(nodes[k]) else { throw TapeDecoder.Unsupported() }
            try field(key, k + 1)
            k = Int(nodes[k + 1].next)
        }
    }

    func isNull(_ index: Int) -> Bool { nodes[index].kind == .null }

    /// nil for null (an optional field given as null reads as absent, as with JSONDecoder).
    func optionalString(_ index: Int) throws -> String? { isNull(index) ? nil : try string(at: index) }
    func optionalInt(_ index: Int) throws -> Int? { isNull(index) ? nil : try int(at: index) }
    func optionalDouble(_ index: Int) throws -> Double? { isNull(index) ? nil : try double(at: index) }

    func day(_ index: Int) throws -> Day {
        guard let day = Day(iso: try string(at: index)) else { throw TapeDecoder.Unsupported() }
        return day
    }

    func code<E: RawRepresentable>(_ type: E.Type, _ index: Int) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: try string(at: index)) else { throw TapeDecoder.Unsupported() }
        return value
    }

    func records<R: TapeReadable>(_ type: R.Type, _ index: Int) throws -> [R] {
        let node = nodes[index]
        guard node.kind == .array else { throw TapeDecoder.Unsupported() }
        var list: [R] = []
        list.reserveCapacity(Int(node.count))
        var i = index + 1
        for _ in 0..<node.count {
            list.append(try R(tape: self, object: i))
            i = Int(nodes[i].next)
        }
        return list
    }
}

/// A required field that was not there.
@inline(__always) func required<T>(_ value: T?) throws -> T {
    guard let value else { throw TapeDecoder.Unsupported() }
    return value
}

extension Activity: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, branchId: String?, kind: ActivityKind?, date: Day?, title: String?
        var hours: Double?, attended: Int?, expected: Int?, partyGroupId: String?, lecturer: String?, notes: String?
        var place: String?, host: String?, attendance: [AttendanceEntry]?, participants: [TalkParticipant]?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "kind": kind = try tape.code(ActivityKind.self, v)
            case "attendance": attendance = tape.isNull(v) ? nil : try tape.records(AttendanceEntry.self, v)
            case "participants": participants = tape.isNull(v) ? nil : try tape.records(TalkParticipant.self, v)
            case "lecturer": lecturer = try tape.optionalString(v)
            case "date": date = try tape.day(v)
            case "title": title = try tape.string(at: v)
            case "hours": hours = try tape.optionalDouble(v)
            case "attended": attended = try tape.optionalInt(v)
            case "expected": expected = try tape.optionalInt(v)
            case "partyGroupId": partyGroupId = try tape.optionalString(v)
            case "notes": notes = try tape.optionalString(v)
            case "place": place = try tape.optionalString(v)
            case "host": host = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), branchId: try required(branchId), kind: try required(kind), date: try required(date),
                  title: try required(title), hours: hours, attended: attended, expected: expected,
                  partyGroupId: partyGroupId, lecturer: lecturer, notes: notes, place: place, host: host,
                  attendance: attendance, participants: participants)
    }
}

extension AttendanceEntry: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var memberId: String?, present: Bool?, reason: AbsenceReason?
        try tape.forEachField(object) { key, v in
            switch key {
            case "memberId": memberId = try tape.string(at: v)
            case "present": present = try tape.bool(tape.nodes[v])
            case "absenceReason": reason = tape.isNull(v) ? nil : try tape.code(AbsenceReason.self, v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(memberId: try required(memberId), present: try required(present), absenceReason: reason)
    }
}

extension TalkParticipant: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var memberId: String?, name: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "memberId": memberId = try tape.optionalString(v)
            case "name": name = try tape.string(at: v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(memberId: memberId, name: try required(name))
    }
}

extension ReviewResult: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, memberId: String?, branchId: String?, year: Int?, grade: ReviewGrade?, activityId: String?
        var note: String?, outcome: String?, outcomeOn: Day?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "memberId": memberId = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "year": year = try tape.int(at: v)
            case "grade": grade = try tape.code(ReviewGrade.self, v)
            case "activityId": activityId = try tape.optionalString(v)
            case "note": note = try tape.optionalString(v)
            case "outcome": outcome = try tape.optionalString(v)
            case "outcomeOn": outcomeOn = tape.isNull(v) ? nil : try tape.day(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), memberId: try required(memberId), branchId: try required(branchId), year: try required(year),
                  grade: try required(grade), activityId: activityId, note: note, outcome: outcome, outcomeOn: outcomeOn)
    }
}

extension PioneerPoints: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, memberId: String?, branchId: String?, itemId: String?, date: Day?, points: Double?, note: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "memberId": memberId = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "itemId": itemId = try tape.string(at: v)
            case "date": date = try tape.day(v)
            case "points": points = try tape.double(at: v)
            case "note": note = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), memberId: try required(memberId), branchId: try required(branchId), itemId: try required(itemId),
                  date: try required(date), points: try required(points), note: note)
    }
}

extension Member: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, name: String?, branchId: String?, status: MemberStatus?, role: MemberRole?
        var partyGroupId: String?, joinDate: Day?, dues: [String: Int]?, hours: [String: Double]?
        var gender: Gender?, birthDate: Day?, education: String?, phone: String?, acceptedOn: Day?, probationEnds: Day?
        var category: DuesCategory?, mobile: MobileMembership?, leftOn: Day?, leftReason: LeaveReason?, transfers: [Transfer]?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "name": name = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "status": status = tape.isNull(v) ? nil : try tape.code(MemberStatus.self, v)
            case "role": role = tape.isNull(v) ? nil : try tape.code(MemberRole.self, v)
            case "partyGroupId": partyGroupId = try tape.optionalString(v)
            case "joinDate": joinDate = tape.isNull(v) ? nil : try tape.day(v)
            case "gender": gender = tape.isNull(v) ? nil : try tape.code(Gender.self, v)
            case "birthDate": birthDate = tape.isNull(v) ? nil : try tape.day(v)
            case "education": education = try tape.optionalString(v)
            case "phone": phone = try tape.optionalString(v)
            case "acceptedOn": acceptedOn = tape.isNull(v) ? nil : try tape.day(v)
            case "probationEnds": probationEnds = tape.isNull(v) ? nil : try tape.day(v)
            // Nested values through the model's own decoding (few members have them; the rules stay in one place).
            case "dues": category = tape.isNull(v) ? nil : try tape.value(DuesCategory.self, at: v)
            case "mobile": mobile = tape.isNull(v) ? nil : try tape.value(MobileMembership.self, at: v)
            case "leftOn": leftOn = tape.isNull(v) ? nil : try tape.day(v)
            case "leftReason": leftReason = tape.isNull(v) ? nil : try tape.code(LeaveReason.self, v)
            case "transfers": transfers = tape.isNull(v) ? nil : try tape.value([Transfer].self, at: v)
            // Schema 3's per-year dues and hours, for the migration.
            case "duesMonthsPaid": dues = tape.isNull(v) ? nil : try tape.map(at: v) { tape.int($0) }
            case "trainingHours": hours = tape.isNull(v) ? nil : try tape.map(at: v) { tape.double($0) }
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), name: try required(name), branchId: try required(branchId), status: status ?? .full,
                  role: role ?? .member, partyGroupId: partyGroupId, joinDate: joinDate, gender: gender, birthDate: birthDate,
                  education: education, phone: phone, acceptedOn: acceptedOn, probationEnds: probationEnds, dues: category,
                  mobile: mobile, leftOn: leftOn, leftReason: leftReason, transfers: transfers ?? [])
        legacyDuesMonthsPaid = dues ?? [:]
        legacyTrainingHours = hours ?? [:]
    }
}

extension DuesPayment: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, memberId: String?, branchId: String?, months: [YearMonth]?, amount: Double?, paidOn: Day?
        var method: DuesMethod?, note: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "memberId": memberId = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "months":
                let list = try tape.value([String].self, at: v)
                months = try list.map { text in
                    guard let month = YearMonth(iso: text) else { throw TapeDecoder.Unsupported() }
                    return month
                }
            case "amount": amount = try tape.optionalDouble(v)
            case "paidOn": paidOn = tape.isNull(v) ? nil : try tape.day(v)
            case "method": method = tape.isNull(v) ? nil : try tape.code(DuesMethod.self, v)
            case "note": note = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), memberId: try required(memberId), branchId: try required(branchId), months: try required(months),
                  amount: amount, paidOn: paidOn, method: method, note: note)
    }
}

extension TrainingEntry: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, memberId: String?, branchId: String?, date: Day?, hours: Double?, provider: String?, title: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "memberId": memberId = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "date": date = try tape.day(v)
            case "hours": hours = try tape.double(at: v)
            case "provider": provider = try tape.string(at: v)
            case "title": title = try tape.string(at: v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), memberId: try required(memberId), branchId: try required(branchId), date: try required(date),
                  hours: try required(hours), provider: try required(provider), title: try required(title))
    }
}

extension QuarterlyCheck: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, branchId: String?, year: Int?, quarter: Int?, date: Day?
        var inspectors: [String]?, points: [String: Double]?, reportReceived: Bool?, notes: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "year": year = try tape.int(at: v)
            case "quarter": quarter = try tape.int(at: v)
            case "date": date = try tape.day(v)
            case "inspectors": inspectors = tape.isNull(v) ? nil : try tape.value([String].self, at: v)
            case "points": points = tape.isNull(v) ? nil : try tape.map(at: v) { tape.double($0) }
            case "reportReceived": reportReceived = tape.isNull(v) ? nil : try tape.bool(tape.nodes[v])
            case "notes": notes = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), branchId: try required(branchId), year: try required(year), quarter: try required(quarter),
                  date: try required(date), inspectors: inspectors ?? [], points: points ?? [:],
                  reportReceived: reportReceived ?? false, notes: notes)
    }
}

extension RectificationEvent: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var date: Day?, from: RectificationStatus?, to: RectificationStatus?, note: String?, acceptedBy: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "date": date = try tape.day(v)
            case "from": from = try tape.code(RectificationStatus.self, v)
            case "to": to = try tape.code(RectificationStatus.self, v)
            case "note": note = try tape.optionalString(v)
            case "acceptedBy": acceptedBy = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(date: try required(date), from: try required(from), to: try required(to), note: note, acceptedBy: acceptedBy)
    }
}

extension Rectification: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var id: String?, branchId: String?, sourceCheckId: String?, category: String?, description: String?
        var owner: String?, openedOn: Day?, dueOn: Day?, status: RectificationStatus?, history: [RectificationEvent]?
        try tape.forEachField(object) { key, v in
            switch key {
            case "id": id = try tape.string(at: v)
            case "branchId": branchId = try tape.string(at: v)
            case "sourceCheckId": sourceCheckId = try tape.optionalString(v)
            case "category": category = try tape.string(at: v)
            case "description": description = try tape.string(at: v)
            case "owner": owner = try tape.string(at: v)
            case "openedOn": openedOn = try tape.day(v)
            case "dueOn": dueOn = try tape.day(v)
            case "status": status = try tape.code(RectificationStatus.self, v)
            case "history": history = try tape.records(RectificationEvent.self, v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(id: try required(id), branchId: try required(branchId), sourceCheckId: sourceCheckId,
                  category: try required(category), description: try required(description), owner: try required(owner),
                  openedOn: try required(openedOn), dueOn: try required(dueOn), status: try required(status),
                  history: try required(history))
    }
}

extension YearShard: TapeDocument where Record: TapeReadable {
    init(tape: JSONTape) throws {
        var year: Int?, records: [Record]?
        try tape.forEachField(0) { key, v in
            switch key {
            case "year": year = try tape.int(at: v)
            case Record.recordsKey: records = try tape.records(Record.self, v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(year: try required(year), records: try required(records))
    }
}

extension BranchShard: TapeDocument where Record: TapeReadable {
    init(tape: JSONTape) throws {
        var records: [Record]?
        try tape.forEachField(0) { key, v in
            guard key == Record.recordsKey else { throw TapeDecoder.Unsupported() }
            records = try tape.records(Record.self, v)
        }
        self.init(records: try required(records))
    }
}

/// A bare list of records: a database table's bodies as one array (`WorkspaceRows`), read as a
/// year file's records are rather than through the Decoder protocol (a county's 600,000 activities).
extension Array: TapeDocument where Element: TapeReadable {
    init(tape: JSONTape) throws {
        self = try tape.records(Element.self, 0)
    }
}

extension ManualScore: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var branchId: String?, itemId: String?, year: Int?, quarter: Int?, points: Double?, note: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "branchId": branchId = try tape.string(at: v)
            case "itemId": itemId = try tape.string(at: v)
            case "year": year = try tape.int(at: v)
            case "quarter": quarter = try tape.optionalInt(v)
            case "points": points = try tape.double(at: v)
            case "note": note = try tape.optionalString(v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(branchId: try required(branchId), itemId: try required(itemId), year: try required(year), quarter: quarter,
                  points: try required(points), note: note)
    }
}

extension Bonus: TapeReadable {
    init(tape: JSONTape, object: Int) throws {
        var branchId: String?, year: Int?, points: Double?, reason: String?
        try tape.forEachField(object) { key, v in
            switch key {
            case "branchId": branchId = try tape.string(at: v)
            case "year": year = try tape.int(at: v)
            case "points": points = try tape.double(at: v)
            case "reason": reason = try tape.string(at: v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(branchId: try required(branchId), year: try required(year), points: try required(points), reason: try required(reason))
    }
}

extension ManualScoresDocument: TapeDocument {
    init(tape: JSONTape) throws {
        var scores: [ManualScore]?, bonuses: [Bonus]?
        try tape.forEachField(0) { key, v in
            switch key {
            case "scores": scores = try tape.records(ManualScore.self, v)
            case "bonuses": bonuses = try tape.records(Bonus.self, v)
            default: throw TapeDecoder.Unsupported()
            }
        }
        self.init(scores: try required(scores), bonuses: try required(bonuses))
    }
}
