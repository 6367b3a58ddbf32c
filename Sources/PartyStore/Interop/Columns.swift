import Foundation
import PartyModel

/// A column of an exported or imported sheet: its headers (Chinese, English, common aliases), how
/// to write a record's value and how to read it back.
struct Column<Record> {
    var zh: String
    var en: String
    var aliases: [String] = []
    var required = false
    var get: (Record) -> String
    /// Sets the value on a record; returns a problem text (with the value) when it cannot.
    var set: ((inout Record, String, ImportContext) -> ImportProblem?)?

    func header(_ lang: Language) -> String { lang == .zh ? zh : en }

    /// Does a header cell name this column? (trimmed, case-insensitive, any alias)
    func matches(_ header: String) -> Bool {
        let h = header.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{3000}")).lowercased()
        return ([zh, en] + aliases).contains { $0.lowercased() == h }
    }
}

/// What an import needs to resolve references.
struct ImportContext {
    var workspace: Workspace

    func branchId(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        return workspace.organisation.branches.first { $0.id == t || $0.name == t }?.id
    }
}

/// One cell that could not be read: which column, what value, what is wrong.
public struct ImportProblem: Error, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case badDate, badNumber, unknownBranch, unknownKind, unknownValue, missing, wrongFormat
    }
    public var kind: Kind
    public var value: String

    func message(column: String, lang: Language) -> String {
        let v = "\"\(value)\""
        switch kind {
        case .badDate: return lang == .zh ? "列 \(column): 无法识别的日期 \(v)" : "column \(column): unrecognised date \(v)"
        case .badNumber: return lang == .zh ? "列 \(column): 不是有效的数字 \(v)" : "column \(column): not a valid number \(v)"
        case .unknownBranch: return lang == .zh ? "列 \(column): 找不到支部 \(v) (可填编号或全称)" : "column \(column): no branch \(v) (use its id or full name)"
        case .unknownKind: return lang == .zh ? "列 \(column): 无法识别的活动类型 \(v)" : "column \(column): unknown activity kind \(v)"
        case .unknownValue: return lang == .zh ? "列 \(column): 无法识别的取值 \(v)" : "column \(column): unknown value \(v)"
        case .missing: return lang == .zh ? "列 \(column): 必填, 不能为空" : "column \(column): required"
        case .wrongFormat: return lang == .zh ? "列 \(column): 格式不对 \(v)" : "column \(column): wrong format \(v)"
        }
    }
}

/// Cell readers shared by the sheets.
enum Cell {
    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{3000}")) }
    static func optional(_ s: String) -> String? { let t = trimmed(s); return t.isEmpty ? nil : t }

    static func day(_ s: String) -> Result<Day?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let d = Day.parse(t) else { return .failure(ImportProblem(kind: .badDate, value: t)) }
        return .success(d)
    }

    static func number(_ s: String) -> Result<Double?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let v = Double(t), v.isFinite else { return .failure(ImportProblem(kind: .badNumber, value: t)) }
        return .success(v)
    }

    static func integer(_ s: String) -> Result<Int?, ImportProblem> {
        guard let t = optional(s) else { return .success(nil) }
        guard let v = Int(t) else { return .failure(ImportProblem(kind: .badNumber, value: t)) }
        return .success(v)
    }

    static func yes(_ s: String) -> Bool { ["是", "yes", "true", "1", "y"].contains(trimmed(s).lowercased()) }
    static func yesNo(_ b: Bool, _ lang: Language) -> String { b ? (lang == .zh ? "是" : "yes") : (lang == .zh ? "否" : "no") }

    /// "2025:12; 2026:10" ↔ year → value.
    static func yearMap(_ map: [String: Double]) -> String {
        map.sorted { $0.key < $1.key }.map { "\($0.key):\(formatNumber($0.value))" }.joined(separator: "; ")
    }

    static func parseYearMap(_ s: String) -> [String: Double]? {
        var out: [String: Double] = [:]
        for part in s.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let bits = part.split(separator: ":").map { trimmed(String($0)) }
            guard bits.count == 2, Int(bits[0]) != nil, let v = Double(bits[1]) else { return nil }
            out[bits[0]] = v
        }
        return out
    }

    static func list(_ s: String) -> [String] { splitNameList(s) }
}
