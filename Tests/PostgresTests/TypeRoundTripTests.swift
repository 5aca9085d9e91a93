import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Values round-trip through the server", .ownThread)
struct TypeRoundTripTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
    }

    private func value<T: PostgresDecodable>(_ sql: String, _ parameter: any PostgresEncodable & Sendable) throws -> T {
        let result = try connection.execute(sql, [parameter], name: "test.round_trip")
        return try #require(result.rows.first).decode("v")
    }

    @Test func integers() throws {
        for number in [Int.min, -1, 0, 1, 42, Int.max] {
            #expect(try value("SELECT $1::bigint AS v", number) == number)
        }
        for number in [Int64.min, 7, Int64.max] {
            #expect(try value("SELECT $1::bigint AS v", number) == number)
        }
        for number in [Int32.min, -3, Int32.max] {
            #expect(try value("SELECT $1::integer AS v", number) == number)
        }
        for number in [Int16.min, 12, Int16.max] {
            #expect(try value("SELECT $1::smallint AS v", number) == number)
        }
        #expect(try value("SELECT $1 + 1 AS v", 41) == 42)
    }

    @Test func doubles() throws {
        let numbers: [Double] = [
            0, -2.5, 0.1, .pi, 1e-300, -1e300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity,
        ]
        for number in numbers {
            #expect(try value("SELECT $1::double precision AS v", number) == number)
        }
        let nan: Double = try value("SELECT $1::double precision AS v", Double.nan)
        #expect(nan.isNaN)
        #expect(try value("SELECT ($1::double precision = 'NaN') AS v", Double.nan) == true)
    }

    @Test func booleans() throws {
        #expect(try value("SELECT $1::boolean AS v", true) == true)
        #expect(try value("SELECT $1::boolean AS v", false) == false)
        #expect(try value("SELECT NOT $1 AS v", false) == true)
    }

    @Test func strings() throws {
        let texts = [
            "", "plain", "O'Brien said \"hi\"", #"back\slash \x00 \\ \n literal"#, "tab\tnew\nline\rreturn",
            "Łódź, 東京, Ñandú, ẞ, 🎉, 👩‍👩‍👧", "'; DROP TABLE x; --", "{\"a\",b}", String(repeating: "long ", count: 20_000),
        ]
        for text in texts {
            #expect(try value("SELECT $1::text AS v", text) == text)
            #expect(try value("SELECT char_length($1::text) AS v", text) == text.unicodeScalars.count)
        }
    }

    @Test func textHoldingNULIsRejected() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT $1::text", ["a\u{0}b"], name: "test.nul")
        }
        #expect(error.kind == .encoding)
        #expect(error.statementName == "test.nul")
    }

    @Test func datesKeepMicroseconds() throws {
        let instants: [Double] = [
            1_714_552_200.123456, 0, -1_000_000_000.5, 1_709_251_199.999999, -62_135_596_800, 253_402_300_799.000001,
        ]
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let back: Date = try value("SELECT $1::timestamptz AS v", date)
            #expect((back.timeIntervalSince1970 * 1e6).rounded() == (seconds * 1e6).rounded())
        }
        // The server reads the same instant we meant, not just something that comes back unchanged.
        let epoch: String = try value(
            "SELECT extract(epoch FROM $1::timestamptz)::text AS v", Date(timeIntervalSince1970: 1_714_552_200.123456))
        #expect(epoch == "1714552200.123456")
    }

    @Test func datesFromServerOutput() throws {
        let zoned = try #require(
            try connection.execute("SELECT '2024-05-01 15:30:00.25+07'::timestamptz AS v").rows.first)
        #expect(try zoned.decode("v", as: Date.self).timeIntervalSince1970 == 1_714_552_200.25)
        let odd = try #require(
            try connection.execute("SELECT '1990-01-01 00:00:00'::timestamp AS t, '2024-02-29'::date AS d").rows.first)
        #expect(try odd.decode("t", as: Date.self).timeIntervalSince1970 == 631_152_000)
        #expect(try odd.decode("d", as: Date.self).timeIntervalSince1970 == 1_709_164_800)
        let session = try #require(try connection.execute("SELECT current_setting('TimeZone') AS v").rows.first)
        #expect(session.string("v") == "UTC")
    }

    @Test func timestampTextIsReadStrictly() throws {
        #expect(try Date.decode(postgresText: "1900-01-01 00:00:00+07:07:12").timeIntervalSince1970
            == -2_208_988_800 - 25_632)
        #expect(try Date.decode(postgresText: "2024-05-01 08:30:00.5-01:30").timeIntervalSince1970
            == 1_714_552_200.5 + 5_400)
        #expect(try Date.decode(postgresText: "12024-05-01").timeIntervalSince1970 == 317_284_041_600)
        let malformed = [
            "", "2024", "2024-5-01", "2024-05-01T08:30:00", "2024-05-01 08:30:0a", "2024-05-01 08:30:00.",
            "2024-05-01 08:30:00+0", "2024-05-01 08:30:00+07:", "2024-05-01 08:30:00 ", "2024-13-01", "2024-05-32",
            "202-05-01", "2024/05/01",
        ]
        for text in malformed {
            #expect(throws: PostgresError.self, "\(text)") { try Date.decode(postgresText: text) }
        }
    }

    @Test func infiniteTimestampIsADecodingError() throws {
        let row = try #require(try connection.execute("SELECT 'infinity'::timestamptz AS v").rows.first)
        let error = try #require(throws: PostgresError.self) { try row.decode("v", as: Date.self) }
        #expect(error.kind == .decoding)
        #expect(error.column == "v")
    }

    @Test func byteaKeepsZeroBytes() throws {
        let samples = [Data(), Data([0]), Data([0, 1, 0, 255, 0x5C, 0x27, 0]), Data((0...255).map { UInt8($0) })]
        for bytes in samples {
            #expect(try value("SELECT $1::bytea AS v", bytes) == bytes)
            #expect(try value("SELECT length($1::bytea) AS v", bytes) == bytes.count)
        }
    }

    struct Profile: Codable, Equatable, Sendable {
        var nip: String
        var scores: [Double]
        var note: String?
    }

    @Test func json() throws {
        let profile = Profile(nip: "199001012020011001", scores: [80.5, 92], note: "kutip \"ganda\" \\ 東京")
        let back: PostgresJSON<Profile> = try value("SELECT $1::jsonb AS v", PostgresJSON(profile))
        #expect(back.value == profile)
        #expect(try value("SELECT ($1::jsonb)->>'nip' AS v", PostgresJSON(profile)) == profile.nip)
        let raw: JSONText = try value("SELECT $1::jsonb AS v", JSONText(#"{"b": [1, 2], "a": null}"#))
        #expect(raw.text == #"{"a": null, "b": [1, 2]}"#)
        let built = try #require(try connection.execute("SELECT jsonb_build_object('n', 3) AS v").rows.first)
        #expect(try built.decode("v", as: JSONText.self).text == #"{"n": 3}"#)
        let invalid = try #require(throws: PostgresError.self) {
            try connection.execute("SELECT $1::jsonb", [JSONText("{nope")], name: "test.json")
        }
        #expect(invalid.sqlState == "22P02")
    }

    @Test func arrays() throws {
        let texts = ["plain", "with,comma", "with \"quotes\"", #"back\slash"#, "{braces}", " spaced ", "", "NULL", "東京"]
        #expect(try value("SELECT $1::text[] AS v", texts) == texts)
        #expect(try value("SELECT cardinality($1::text[]) AS v", texts) == texts.count)
        let bigints = [Int64(-5), 0, 7, 10, -1_000_000, Int64.min, Int64.max]
        #expect(try value("SELECT $1::bigint[] AS v", bigints) == bigints)
        #expect(try value("SELECT $1::bigint[]::text AS v", bigints)
            == "{-5,0,7,10,-1000000,-9223372036854775808,9223372036854775807}")
        #expect(try value("SELECT $1::integer[] AS v", [Int32(1), 2]) == [Int32(1), 2])
        #expect(try value("SELECT $1::smallint[] AS v", [Int16.min, -1, Int16.max]) == [Int16.min, -1, Int16.max])
        #expect(try value("SELECT $1::bigint[] AS v", [Int]()) == [Int]())
        #expect(try value("SELECT $1::double precision[] AS v", [1.5, -.infinity]) == [1.5, -.infinity])

        try connection.executeScript("CREATE TABLE item (id bigint PRIMARY KEY, label text)")
        for id in 1...6 { try connection.execute("INSERT INTO item VALUES ($1, $2)", [id, "item \(id)"]) }
        let picked = try connection.execute(
            "SELECT id FROM item WHERE id = ANY($1) ORDER BY id", [[Int64(2), 4, 9]], name: "test.any")
        #expect(try picked.rows.map { try $0.decode("id", as: Int64.self) } == [2, 4])
        let byLabel = try connection.execute(
            "SELECT id FROM item WHERE label = ANY($1) ORDER BY id", [["item 5", "item 1", "nope"]])
        #expect(try byLabel.rows.map { try $0.decode("id", as: Int.self) } == [1, 5])

        let withNull = try #require(try connection.execute("SELECT ARRAY['a', NULL] AS v").rows.first)
        let error = try #require(throws: PostgresError.self) { try withNull.decode("v", as: [String].self) }
        #expect(error.kind == .decoding)
    }

    @Test func nulls() throws {
        let row = try #require(try connection.execute("SELECT NULL::bigint AS n, 5 AS five").rows.first)
        #expect(row.isNull("n"))
        #expect(!row.isNull("five"))
        #expect(row.string("n") == nil)
        #expect(try row.decode("n", as: Int?.self) == nil)
        #expect(try row.decode("five", as: Int?.self) == 5)
        let error = try #require(throws: PostgresError.self) { try row.decode("n", as: Int.self) }
        #expect(error.kind == .decoding)
        #expect(error.column == "n")
        #expect(error.description.contains("NULL"))

        #expect(try value("SELECT $1::text IS NULL AS v", String?.none) == true)
        #expect(try value("SELECT $1::bigint IS NULL AS v", Int?.none) == true)
        #expect(try value("SELECT $1::bigint AS v", Int?.some(3)) == Int?.some(3))
    }

    @Test func decodingErrorsHideTheValue() throws {
        let row = try #require(try connection.execute("SELECT 'rahasia-199001' AS v").rows.first)
        let error = try #require(throws: PostgresError.self) { try row.decode("v", as: Int.self) }
        #expect(error.kind == .decoding)
        #expect(!error.description.contains("rahasia"))
        let missing = try #require(throws: PostgresError.self) { try row.decode("absent", as: String.self) }
        #expect(missing.column == "absent")
        #expect(try row.decode(0, as: String.self) == "rahasia-199001")
    }

    @Test func tableRoundTrip() throws {
        try connection.executeScript(
            """
            CREATE TABLE sample (i bigint, i4 integer, d double precision, b boolean, s text, t timestamptz,
                                 bytes bytea, doc jsonb, names text[])
            """)
        let moment = Date(timeIntervalSince1970: 1_700_000_000.000001)
        let inserted = try connection.execute(
            "INSERT INTO sample VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            [Int.max, Int32(-7), 2.75, true, "a\tb", moment, Data([0, 9]), JSONText("[1]"), ["x,y", "z"]],
            name: "sample.insert")
        #expect(inserted.affectedRows == 1)
        let result = try connection.execute("SELECT * FROM sample")
        #expect(result.columns == ["i", "i4", "d", "b", "s", "t", "bytes", "doc", "names"])
        let row = try #require(result.rows.first)
        #expect(try row.decode("i", as: Int.self) == .max)
        #expect(try row.decode("i4", as: Int32.self) == -7)
        #expect(try row.decode("d", as: Double.self) == 2.75)
        #expect(try row.decode("b", as: Bool.self))
        #expect(try row.decode("s", as: String.self) == "a\tb")
        #expect(try row.decode("t", as: Date.self).timeIntervalSince1970 * 1e6 == (moment.timeIntervalSince1970 * 1e6).rounded())
        #expect(try row.decode("bytes", as: Data.self) == Data([0, 9]))
        #expect(try row.decode("doc", as: JSONText.self).text == "[1]")
        #expect(try row.decode("names", as: [String].self) == ["x,y", "z"])
    }
}
