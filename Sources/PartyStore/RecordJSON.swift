import Foundation
import PartyModel

/// One record, or a list of them, as JSON text, for a store that keeps records one by one (PostgreSQL's
/// `body` columns). The model's own Codable encoding with the workspace codec's options, so a record
/// read back and saved as files gives the bytes the JSON workspace gives; decoding goes through the
/// codec's reader (its fast path, and located problems when a value does not decode).
public enum RecordJSON {
    /// The codec's encoder on one line: a row's `body` needs no indentation (jsonb keeps no layout).
    public static func encoder() -> JSONEncoder {
        let encoder = WorkspaceCodec.encoder()
        encoder.outputFormatting.remove(.prettyPrinted)
        return encoder
    }

    public static func text<T: Encodable>(_ value: T, with encoder: JSONEncoder) -> String {
        // Encoding plain value types cannot fail; a failure here is a programming error.
        String(decoding: try! encoder.encode(value), as: UTF8.self)
    }

    /// `what`: where the text came from (a table), named in the problem when it does not decode.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws(StoreError) -> T {
        switch WorkspaceCodec.decode(type, file: what, data: Data(text.utf8)) {
        case .success(let value): return value
        case .failure(let problem): throw .invalid([problem])
        }
    }
}

extension Journal {
    /// The journal's bytes as they are (nil when there is none), for a copy of the workspace elsewhere.
    public func contents() -> Data? {
        guard case .success(let data) = AtomicFile.read(path, followingLinks: false) else { return nil }
        return data
    }

    /// Writes a journal copied from elsewhere into a workspace that has none (crash-safely, 0600, never
    /// through a link): `partydesk db pull` gives the journal back with the records.
    public func restore(_ data: Data) throws(FileError) {
        try AtomicFile.write(data, to: path)
    }
}
