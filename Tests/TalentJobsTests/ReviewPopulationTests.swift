import Postgres
import PostgresTestSupport
import TalentStore
import TestThreads
import Testing

/// The review population streamed from its cursor: every batch once, in order, in chunks, with the total first.
@Suite("Review population: batches streamed in chunks", .ownThread)
struct ReviewPopulationTests {
    @Test("more batches than one chunk: the total first, then every batch once, by OPD then id, in chunks of 100")
    func chunks() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        // Three copies of every golden employee under new NIPs: 4 × 73 employees, so batches of 2 need two chunks.
        try connection.execute("""
            INSERT INTO hr.employee (nip, name, sex, birth_date, status, state, golongan, golongan_since, cpns_date,
                                     position_code, position_since)
            SELECT '9' || lpad((copy * 1000 + e.id)::text, 17, '0'), e.name, e.sex, e.birth_date, e.status, e.state,
                   e.golongan, e.golongan_since, e.cpns_date, e.position_code, e.position_since
              FROM hr.employee e CROSS JOIN generate_series(1, 3) AS copy
            """)
        let covered = try connection.execute("""
            SELECT e.id, coalesce(o.opd_code, '') AS opd_code
              FROM hr.employee e JOIN hr.position p ON p.position_code = e.position_code
              LEFT JOIN talent.opd o ON o.unit_code = p.unit_code
             ORDER BY 2, 1
            """).rows.map { (id: try $0.decode("id", as: Int64.self), opd: try $0.decode("opd_code", as: String.self)) }
        var expected: [[Int64]] = []
        for (index, employee) in covered.enumerated() {
            if index > 0, covered[index - 1].opd == employee.opd, expected[expected.count - 1].count < 2 {
                expected[expected.count - 1].append(employee.id)
            } else {
                expected.append([employee.id])
            }
        }
        #expect(expected.count > ReviewPopulation.chunkSize, "the test needs more batches than one chunk")

        var totals: [Int] = []
        var chunks: [[[Int64]]] = []
        try ReviewPopulation.batches(.everyone, maxBatchSize: 2, on: connection, total: { total in
            #expect(chunks.isEmpty, "the total comes before any batch")
            totals.append(total)
        }, batches: { chunks.append($0) })
        #expect(totals == [expected.count])
        #expect(chunks.map(\.count) == [ReviewPopulation.chunkSize, expected.count - ReviewPopulation.chunkSize])
        #expect(chunks.flatMap { $0 } == expected)
    }

    @Test("a scope that names nobody: not found for a NIP, a total of 0 and no batch for an empty OPD")
    func empty() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        var calls: [String] = []
        let error = #expect(throws: StoreError.self) {
            try ReviewPopulation.batches(.nip("000000000000000000"), maxBatchSize: 500, on: connection,
                                         total: { calls.append("total \($0)") }, batches: { _ in calls.append("batches") })
        }
        #expect(error?.code == .notFound)
        #expect(calls.isEmpty)
        try connection.execute("DELETE FROM hr.employee")
        try ReviewPopulation.batches(.everyone, maxBatchSize: 500, on: connection,
                                     total: { calls.append("total \($0)") }, batches: { _ in calls.append("batches") })
        #expect(calls == ["total 0"])
    }
}
