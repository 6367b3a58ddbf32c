extension PostgresConnection {
    /// Rows into `table`, in statements of many rows each (at most 30,000 parameters a statement;
    /// PostgreSQL takes 65,535): a push's whole workspace, a commit's journal rows.
    func insertRows(into table: String, columns: [String], _ rows: [[String?]]) throws(PostgresError) {
        guard !rows.isEmpty else { return }
        let perStatement = max(1, min(1_000, 30_000 / columns.count))
        let head = "INSERT INTO \(table) (" + columns.joined(separator: ", ") + ") VALUES "
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var sql = head
            var parameters: [String?] = []
            parameters.reserveCapacity(chunk.count * columns.count)
            for (r, row) in chunk.enumerated() {
                sql += r == 0 ? "(" : ", ("
                for (c, value) in row.enumerated() {
                    parameters.append(value)
                    sql += (c == 0 ? "$" : ", $") + String(parameters.count)
                }
                sql += ")"
            }
            try execute(sql, parameters)
        }
    }
}
