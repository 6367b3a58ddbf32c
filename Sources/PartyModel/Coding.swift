/// A string-coded enumeration whose unknown codes are reported as `ValueProblem.unknownCode`
/// (with the allowed codes) rather than as an opaque decoding failure.
public protocol CodedEnum: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {}

extension CodedEnum {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let value = Self(rawValue: code) else {
            let allowed = Self.allCases.map(\.rawValue)
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath,
                debugDescription: "unknown code \"\(code)\"",
                underlyingError: ValueProblem.unknownCode(code, allowed: allowed)))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension KeyedDecodingContainer {
    /// Optional-with-default fields: absent or null means the default.
    func value<T: Decodable>(_ key: Key, default fallback: @autoclosure () -> T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? fallback()
    }
}
