import Foundation
import PartyModel

extension Day {
    /// Today in the machine's local time zone: the as-of date when none is given.
    static var today: Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
