/// A calendar month, `YYYY-MM` in files.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }

    /// The month of a day.
    public init(_ day: Day) { year = day.year; month = day.month }

    /// Strict `YYYY-MM`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes[0..<4].allSatisfy({ (48...57).contains($0) }), bytes[5..<7].allSatisfy({ (48...57).contains($0) }),
              let y = Int(String(decoding: bytes[0..<4], as: UTF8.self)), let m = Int(String(decoding: bytes[5..<7], as: UTF8.self))
        else { return nil }
        self.init(year: y, month: m)
    }

    /// Months since year 0 (for arithmetic).
    public var index: Int { year * 12 + month - 1 }
    public init(index: Int) { year = index / 12; month = index % 12 + 1 }

    public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }
    public var previous: YearMonth { adding(months: -1) }
    public var next: YearMonth { adding(months: 1) }
    public var firstDay: Day { Day.firstOf(year: year, month: month) }
    public var lastDay: Day { Day.lastOf(year: year, month: month) }

    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    public var description: String { iso }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}

extension YearMonth: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let month = YearMonth(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "invalid month \"\(text)\"",
                                                    underlyingError: ValueProblem.invalidMonth(text)))
        }
        self = month
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// An amount of money in 分 (fen), so that sums never drift: 0.1 + 0.2 元 is exactly 30 分.
/// Files keep 元 with two decimals; `init(yuan:)` rounds to the nearest 分.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var fen: Int

    public init(fen: Int) { self.fen = fen }
    /// 元 rounded half away from zero to the 分.
    public init(yuan: Double) { fen = Int((yuan * 100).rounded(.toNearestOrAwayFromZero)) }

    public static let zero = Money(fen: 0)
    public var yuan: Double { Double(fen) / 100 }
    /// Whether `yuan` is a whole number of 分 (15.5 is; 15.555 is not).
    public static func isWholeFen(_ yuan: Double) -> Bool { abs(yuan * 100 - (yuan * 100).rounded()) < 1e-6 }

    /// `15.00`, `-0.50`.
    public var description: String {
        let sign = fen < 0 ? "-" : "", a = abs(fen)
        return "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
    }

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
}

/// 党费 category and base (关于中国共产党党费收缴、使用和管理的规定 2008). JSON:
/// `{"category": "inWork", "base": 4500}` (monthly after-tax salary, 元), `{"category": "retired",
/// "base": 3800}` (monthly pension), `{"category": "farmer"}` (and `student`, `unemployed`, `relief`:
/// the fixed small amounts of `rules.dues`), `{"category": "fixed", "amount": 100}` (a monthly amount
/// the member pays by choice or by the branch's decision).
public enum DuesCategory: Hashable, Sendable, Codable {
    case inWork(base: Double)
    case retired(base: Double)
    case farmer, student, unemployed, relief
    case fixed(amount: Double)

    public enum Code: String, CodedEnum { case inWork, retired, farmer, student, unemployed, relief, fixed }

    public var code: Code {
        switch self {
        case .inWork: .inWork
        case .retired: .retired
        case .farmer: .farmer
        case .student: .student
        case .unemployed: .unemployed
        case .relief: .relief
        case .fixed: .fixed
        }
    }

    /// The base (in work, retired) or the amount (fixed), in 元; nil for the fixed small amounts.
    public var figure: Double? {
        switch self {
        case .inWork(let base), .retired(let base): base
        case .fixed(let amount): amount
        default: nil
        }
    }

    /// A category from its code and figure (the base or amount; required for those that have one).
    public init?(code: Code, figure: Double?) {
        switch code {
        case .inWork: guard let figure else { return nil }; self = .inWork(base: figure)
        case .retired: guard let figure else { return nil }; self = .retired(base: figure)
        case .fixed: guard let figure else { return nil }; self = .fixed(amount: figure)
        case .farmer: self = .farmer
        case .student: self = .student
        case .unemployed: self = .unemployed
        case .relief: self = .relief
        }
    }

    enum CodingKeys: String, CodingKey { case category, base, amount }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(Code.self, forKey: .category)
        switch code {
        case .inWork, .retired: self = DuesCategory(code: code, figure: try c.decode(Double.self, forKey: .base))!
        case .fixed: self = .fixed(amount: try c.decode(Double.self, forKey: .amount))
        default: self = DuesCategory(code: code, figure: nil)!
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .category)
        switch self {
        case .inWork(let base), .retired(let base): try c.encode(base, forKey: .base)
        case .fixed(let amount): try c.encode(amount, forKey: .amount)
        default: break
        }
    }
}

/// One bracket of a dues scale: a base up to and including `upTo` 元 (no limit on the last) pays
/// `percent` % of it.
public struct DuesBracket: Codable, Hashable, Sendable {
    public var upTo: Double?
    public var percent: Double

    public init(upTo: Double?, percent: Double) { self.upTo = upTo; self.percent = percent }
}

/// The 党费 scales and fixed amounts (`rules.dues` in workspace.json), defaults from 关于中国共产党
/// 党费收缴、使用和管理的规定 (中组发〔2008〕3号): in work, of the monthly after-tax salary, ≤ 3000 元
/// 0.5 %, 3000–5000 元 1 %, 5000–10000 元 1.5 %, above 10000 元 2 %; retired, of the pension,
/// ≤ 5000 元 0.5 %, above 1 %; farmers, students, the unemployed and those on relief a small fixed
/// amount (0.2 元 a month; the regulation allows 0.2–1 元 for farmers).
public struct DuesRules: Codable, Hashable, Sendable {
    public var inWork: [DuesBracket] = [DuesBracket(upTo: 3000, percent: 0.5), DuesBracket(upTo: 5000, percent: 1),
                                        DuesBracket(upTo: 10000, percent: 1.5), DuesBracket(upTo: nil, percent: 2)]
    public var retired: [DuesBracket] = [DuesBracket(upTo: 5000, percent: 0.5), DuesBracket(upTo: nil, percent: 1)]
    public var farmer = 0.2
    public var student = 0.2
    public var unemployed = 0.2
    public var relief = 0.2

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case inWork, retired, farmer, student, unemployed, relief }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DuesRules()
        inWork = try c.value(.inWork, default: d.inWork)
        retired = try c.value(.retired, default: d.retired)
        farmer = try c.value(.farmer, default: d.farmer)
        student = try c.value(.student, default: d.student)
        unemployed = try c.value(.unemployed, default: d.unemployed)
        relief = try c.value(.relief, default: d.relief)
    }

    /// The bracket a base falls in (its `upTo` is the first at or above the base, to the 分); nil
    /// only for a scale without an open last bracket (validation refuses one).
    public static func bracket(_ base: Money, in scale: [DuesBracket]) -> DuesBracket? {
        scale.first { b in b.upTo.map { base <= Money(yuan: $0) } ?? true }
    }

    /// base × percent, in 分, rounded half up: the rate is taken to 0.01 % (a basis point) so the
    /// product is exact integer arithmetic (3000.01 元 × 1 % = 30.0001 → 30.00).
    static func percentOf(_ base: Money, _ percent: Double) -> Money {
        let points = Int((percent * 100).rounded())          // basis points
        let product = base.fen * points                      // 分 × 1/10000
        return Money(fen: (product + 5_000) / 10_000)
    }

    /// The monthly due of a category, in 分 rounded to the 分.
    public func monthlyDue(_ category: DuesCategory) -> Money {
        switch category {
        case .inWork(let base): scaled(Money(yuan: base), inWork)
        case .retired(let base): scaled(Money(yuan: base), retired)
        case .farmer: Money(yuan: farmer)
        case .student: Money(yuan: student)
        case .unemployed: Money(yuan: unemployed)
        case .relief: Money(yuan: relief)
        case .fixed(let amount): Money(yuan: amount)
        }
    }

    func scaled(_ base: Money, _ scale: [DuesBracket]) -> Money {
        guard base.fen > 0, let bracket = Self.bracket(base, in: scale) else { return .zero }
        return Self.percentOf(base, bracket.percent)
    }
}

/// How a payment was made.
public enum DuesMethod: String, CodedEnum {
    case cash      // 现金
    case transfer  // 转账
    case wechat    // 微信
    case alipay    // 支付宝
    case other     // 其他
}

/// 党费 paid: the months it covers (paying ahead, or by the quarter, with the branch's consent), the
/// amount, the day and how. Kept in `dues/YYYY/BRANCH.json`: the year it was paid (or, without a
/// day, of its first month) and the branch that collected it.
public struct DuesPayment: Codable, Hashable, Sendable {
    public var id: String
    public var memberId: String
    /// The branch that collected it (whose 党费 ledger it is in): usually the member's on `paidOn`.
    public var branchId: String
    /// The months covered, `YYYY-MM`, at least one.
    public var months: [YearMonth]
    /// 元; nil when unknown (a payment made from schema 3's months-paid counts: shown as 金额不详).
    public var amount: Double?
    /// nil only in payments made by the migration (the day was not recorded).
    public var paidOn: Day?
    public var method: DuesMethod?
    public var note: String?

    public init(id: String, memberId: String, branchId: String, months: [YearMonth], amount: Double?, paidOn: Day?,
                method: DuesMethod? = nil, note: String? = nil) {
        self.id = id; self.memberId = memberId; self.branchId = branchId; self.months = months
        self.amount = amount; self.paidOn = paidOn; self.method = method; self.note = note
    }

    /// The year of the file it is kept in: the year it was paid, else that of its first month.
    public var year: Int { paidOn?.year ?? months.min()?.year ?? 0 }

    /// The amount in 分 allotted to each month covered: an equal share, the odd 分 going to the
    /// earliest months (nil when the amount is unknown).
    public func share(of month: YearMonth) -> Money? {
        guard let amount, let position = months.sorted().firstIndex(of: month) else { return nil }
        let total = Money(yuan: amount).fen, n = months.count
        return Money(fen: total / n + (position < total % n ? 1 : 0))
    }
}

/// An individual training entry (网络培训, a course elsewhere): hours credited to one member.
/// Kept in `training/YYYY/BRANCH.json` with the branch that recorded it.
public struct TrainingEntry: Codable, Hashable, Sendable {
    public var id: String
    public var memberId: String
    public var branchId: String
    public var date: Day
    public var hours: Double
    /// Who gave it (中国干部网络学院, 县委党校, …).
    public var provider: String
    public var title: String

    public init(id: String, memberId: String, branchId: String, date: Day, hours: Double, provider: String, title: String) {
        self.id = id; self.memberId = memberId; self.branchId = branchId; self.date = date
        self.hours = hours; self.provider = provider; self.title = title
    }
}
