/// A calendar day with no time zone: the unit of every date in the ledger.
/// Stored in files as `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict ISO form `YYYY-MM-DD`, as written in data files.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = Day.digits(bytes[0..<4]), let m = Day.digits(bytes[5..<7]), let d = Day.digits(bytes[8..<10])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The forms people type or find in spreadsheets: 2026-03-05, 2026/3/5, 2026.3.5,
    /// 2026年3月5日 and 20260305, in full-width digits too (２０２６年３月５日), and any of them with a
    /// time of day after it, which is dropped (2026/3/15 0:00, 2026年3月8日 14:30, 2026-03-05T09:00:00).
    public static func parse(_ raw: String) -> Day? {
        let text = Self.withoutTimeOfDay(FullWidth.halfWidth(raw.trimmingWhitespace()))
        if let strict = Day(iso: text) { return strict }
        let bytes = Array(text.utf8)
        if bytes.count == 8, let y = digits(bytes[0..<4]), let m = digits(bytes[4..<6]), let d = digits(bytes[6..<8]) {
            return Day(year: y, month: m, day: d)
        }
        // Split on any separator and accept exactly three numeric parts.
        var parts: [String] = []
        var current = ""
        for ch in text {
            if ch.isASCII, ch.isNumber { current.append(ch) } else {
                if !current.isEmpty { parts.append(current); current = "" }
                guard "-/.年月日 ".contains(ch) else { return nil }
            }
        }
        if !current.isEmpty { parts.append(current) }
        guard parts.count == 3, parts[0].count == 4, parts[1].count <= 2, parts[2].count <= 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        if text.contains("年") && !(text.contains("月") && text.hasSuffix("日")) { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// The text before a time of day (H:MM, H:MM:SS, with 上午/下午/AM/PM), when one ends it.
    static func withoutTimeOfDay(_ text: String) -> String {
        guard text.contains(":") else { return text }
        var s = Substring(text)
        for suffix in ["AM", "PM", "am", "pm"] where s.hasSuffix(suffix) { s = s.dropLast(2) }
        s = Substring(String(s).trimmingWhitespace())
        // The time: digits and colons (a fraction of a second too) back to the first other character.
        var start = s.endIndex
        while start > s.startIndex, let c = s[s.index(before: start)].asciiValue, c == UInt8(ascii: ":") || c == UInt8(ascii: ".") || (48...57).contains(c) {
            start = s.index(before: start)
        }
        let time = s[start...]
        guard time.contains(":"), time.first?.isNumber == true else { return text }
        var date = s[..<start]
        for marker in ["上午", "下午", "晚上", "中午", "T", " "] where date.hasSuffix(marker) { date = date.dropLast(marker.count) }
        return String(date).trimmingWhitespace()
    }

    /// A spreadsheet's serial day number (Excel, WPS and LibreOffice, the 1900 system: 1 is
    /// 1900-01-01, 46086 is 2026-03-05; Excel's 29 Feb 1900, serial 60, does not exist). A fraction
    /// is a time of day, dropped. `date1904`: a workbook in the 1904 system (0 is 1904-01-01).
    public init?(spreadsheetSerial serial: Double, date1904: Bool = false) {
        guard serial.isFinite, serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        if date1904 {
            self = Day(year: 1904, month: 1, day: 1)!.adding(days: whole)
            return
        }
        guard whole != 60 else { return nil }
        // From 1899-12-30 for serials after the phantom 1900-02-29, from 1899-12-31 before it.
        let base = Day(year: 1899, month: 12, day: whole > 60 ? 30 : 31)!
        self = base.adding(days: whole)
    }

    public var iso: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public var quarter: Quarter { Quarter(year: year, number: (month - 1) / 3 + 1)! }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for day arithmetic.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(dayNumber: dayNumber + days) }

    /// Same day-of-month `count` months later, clamped to the month's length (01-31 + 1 month = 02-28).
    public func adding(months count: Int) -> Day {
        let index = year * 12 + (month - 1) + count
        let y = index / 12, m = index % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier); a partial month does not count.
    public func months(until later: Day) -> Int {
        var months = (later.year - year) * 12 + (later.month - month)
        if months > 0 && later.day < day { months -= 1 }
        if months < 0 && later.day > day { months += 1 }
        return months
    }

    public static func firstOf(year: Int, month: Int) -> Day { Day(year: year, month: month, day: 1)! }
    public static func lastOf(year: Int, month: Int) -> Day {
        Day(year: year, month: month, day: daysIn(month: month, year: year))!
    }

    private static func digits(_ slice: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in slice {
            guard b >= 48 && b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "invalid date \"\(text)\"",
                underlyingError: ValueProblem.invalidDate(text)))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// A quarter of a year: quarter q covers months 3q−2 … 3q.
public struct Quarter: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    private enum CodingKeys: String, CodingKey { case year, number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let year = try container.decode(Int.self, forKey: .year), number = try container.decode(Int.self, forKey: .number)
        guard let quarter = Quarter(year: year, number: number) else {
            throw DecodingError.dataCorruptedError(forKey: .number, in: container, debugDescription: "a quarter is 1 to 4")
        }
        self = quarter
    }

    public var months: ClosedRange<Int> { (3 * number - 2)...(3 * number) }
    public var firstDay: Day { Day.firstOf(year: year, month: 3 * number - 2) }
    public var lastDay: Day { Day.lastOf(year: year, month: 3 * number) }
    public func contains(_ day: Day) -> Bool { day.year == year && months.contains(day.month) }

    public var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1)! : Quarter(year: year, number: number + 1)! }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)! }

    public static func all(of year: Int) -> [Quarter] { (1...4).map { Quarter(year: year, number: $0)! } }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
    public var description: String { "\(year)Q\(number)" }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
