import Testing
@testable import PartyModel

@Suite struct DayTests {
    @Test func strictISOFormAcceptsRealDatesOnly() {
        #expect(Day(iso: "2026-03-05") == Day(year: 2026, month: 3, day: 5))
        #expect(Day(iso: "2024-02-29") != nil)          // leap year
        #expect(Day(iso: "2025-02-29") == nil)          // not a leap year
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-3-5") == nil)            // files use the strict form
        #expect(Day(iso: "2026-03-05 ") == nil)
        #expect(Day(iso: "") == nil)
        #expect(Day(iso: "２０２６-03-05") == nil)       // full-width digits are not ASCII
    }

    @Test(arguments: [
        ("2026-03-05", "2026-03-05"), ("2026/3/5", "2026-03-05"), ("2026.3.5", "2026-03-05"),
        ("2026年3月5日", "2026-03-05"), ("20260305", "2026-03-05"), (" 2026/03/05 ", "2026-03-05"),
        ("2024年2月29日", "2024-02-29"),
    ])
    func lenientFormsBecomeISO(input: String, expected: String) {
        #expect(Day.parse(input)?.iso == expected)
    }

    @Test(arguments: ["2026/13/01", "2026年3月", "2025-02-29", "26/3/5", "2026-3", "三月五日", "2026年3月5", "abc"])
    func lenientFormsRejectNonsense(input: String) {
        #expect(Day.parse(input) == nil)
    }

    @Test func quartersFollowMonths() {
        #expect(Day(iso: "2026-03-31")!.quarter == Quarter(year: 2026, number: 1))
        #expect(Day(iso: "2026-04-01")!.quarter == Quarter(year: 2026, number: 2))
        #expect(Day(iso: "2026-12-31")!.quarter.number == 4)
        let q1 = Quarter(year: 2024, number: 1)!
        #expect(q1.lastDay.iso == "2024-03-31")
        #expect(q1.firstDay.iso == "2024-01-01")
        #expect(q1.contains(Day(iso: "2024-02-29")!))
        #expect(!q1.contains(Day(iso: "2024-04-01")!))
        #expect(Quarter(year: 2026, number: 4)!.next == Quarter(year: 2027, number: 1))
        #expect(Quarter(year: 2026, number: 1)!.previous == Quarter(year: 2025, number: 4))
        #expect(Quarter(year: 2026, number: 5) == nil)
    }

    @Test func dayArithmetic() {
        let d = Day(iso: "2024-02-28")!
        #expect(d.adding(days: 1).iso == "2024-02-29")
        #expect(d.adding(days: 2).iso == "2024-03-01")
        #expect(Day(iso: "1970-01-01")!.dayNumber == 0)
        #expect(Day(iso: "2000-03-01")!.dayNumber == 11017)
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(dayNumber: n).dayNumber == n)
        }
        #expect(Day(iso: "2026-01-31")!.adding(months: 1).iso == "2026-02-28")
        #expect(Day(iso: "2026-11-21")!.adding(months: -12).iso == "2025-11-21")
        #expect(Day(iso: "2026-11-21")!.adding(months: 14).iso == "2028-01-21")
        #expect(Day(iso: "2026-01-15")!.months(until: Day(iso: "2026-04-14")!) == 2)
        #expect(Day(iso: "2026-01-15")!.months(until: Day(iso: "2026-04-15")!) == 3)
        #expect(Day(iso: "2026-04-15")!.months(until: Day(iso: "2026-01-16")!) == -2)
    }

    @Test func ordering() {
        #expect(Day(iso: "2025-12-31")! < Day(iso: "2026-01-01")!)
        #expect(Day(iso: "2026-02-01")! > Day(iso: "2026-01-31")!)
    }
}

@Suite struct LeapYearTests {
    /// Every 4th year is a leap year, but not a century unless it divides by 400 (by hand).
    @Test func leapYearsByTheGregorianRule() {
        #expect(Day(iso: "2024-02-29") != nil && Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "2026-02-29") == nil && Day(iso: "1900-02-29") == nil && Day(iso: "2100-02-29") == nil)
        #expect(Day.isLeap(2028) && !Day.isLeap(2100) && Day.isLeap(2400))
    }
}

/// Days as spreadsheets and offices write them (issue 14), worked out by hand.
@Suite struct SpreadsheetDayTests {
    /// Excel, WPS and LibreOffice count from 1900-01-01 = 1, with a 29 Feb 1900 that never was
    /// (serial 60): days before it are one off from days after it.
    @Test func serialNumbersInTheTwoSystems() {
        #expect(Day(spreadsheetSerial: 1)?.iso == "1900-01-01")
        #expect(Day(spreadsheetSerial: 59)?.iso == "1900-02-28")
        #expect(Day(spreadsheetSerial: 60) == nil)
        #expect(Day(spreadsheetSerial: 61)?.iso == "1900-03-01")
        #expect(Day(spreadsheetSerial: 46086)?.iso == "2026-03-05")
        #expect(Day(spreadsheetSerial: 46086.99)?.iso == "2026-03-05")    // a time of day is dropped
        #expect(Day(spreadsheetSerial: 0) == nil && Day(spreadsheetSerial: -1) == nil)
        // The 1904 system (old Mac workbooks): 0 is 1904-01-01.
        #expect(Day(spreadsheetSerial: 0, date1904: true)?.iso == "1904-01-01")
        #expect(Day(spreadsheetSerial: 44624, date1904: true)?.iso == "2026-03-05")
    }

    @Test func aTimeOfDayAfterADateIsDropped() {
        for (text, iso) in [("2026/3/15 0:00", "2026-03-15"), ("2026年3月8日 14:30", "2026-03-08"), ("2026年3月8日14:30", "2026-03-08"),
                            ("2026-03-05T09:00:00", "2026-03-05"), ("2026/3/5 下午3:00", "2026-03-05"), ("2026/3/5 3:00 PM", "2026-03-05"),
                            ("2026.3.5", "2026-03-05"), ("２０２６．３．５", "2026-03-05")] {
            #expect(Day.parse(text)?.iso == iso, "\(text)")
        }
        for text in ["14:30", "2026/3/5 25", "2026:3:5"] { #expect(Day.parse(text) == nil, "\(text)") }
    }
}
