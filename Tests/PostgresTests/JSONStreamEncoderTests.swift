import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("JSONStreamEncoder writes the jsonb that JSONEncoder writes", .ownThread)
struct JSONStreamEncoderTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
    }

    enum Shape: Codable, Hashable {
        case point
        case circle(radius: Double)
        case labelled(String, Int)
    }

    struct Empty: Codable, Hashable {}

    struct Leaf: Codable, Hashable {
        var name: String
        var weight: Double?
        var tags: [String]
    }

    struct Document: Codable, Hashable {
        var id: Int64
        var small: Int8
        var unsigned: UInt32
        var flag: Bool
        var ratio: Float
        var numbers: [Double]
        var text: String
        var missing: String?
        var nothing: Int?
        var leaves: [Leaf]
        var shapes: [Shape]
        var byName: [String: Double]
        var byNumber: [Int: String]
        var nested: [[Int]]
        var empty: Empty
        var emptyList: [Leaf]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(small, forKey: .small)
            try container.encode(unsigned, forKey: .unsigned)
            try container.encode(flag, forKey: .flag)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(numbers, forKey: .numbers)
            try container.encode(text, forKey: .text)
            try container.encodeIfPresent(missing, forKey: .missing)
            try container.encodeNil(forKey: .nothing)
            try container.encode(leaves, forKey: .leaves)
            try container.encode(shapes, forKey: .shapes)
            try container.encode(byName, forKey: .byName)
            try container.encode(byNumber, forKey: .byNumber)
            var lists = container.nestedUnkeyedContainer(forKey: .nested)
            for list in nested { try lists.encode(list) }
            try container.encode(empty, forKey: .empty)
            try container.encode(emptyList, forKey: .emptyList)
        }
    }

    private func jsonbText(_ json: String) throws -> String {
        try #require(connection.execute("SELECT $1::jsonb::text AS v", [json], name: "test.jsonb").rows.first)
            .decode("v")
    }

    private func foundationJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func sameJSONBAsFoundation() throws {
        let document = Document(
            id: .min, small: -8, unsigned: .max, flag: true, ratio: 0.25,
            numbers: [75, 87.5, 0.3333, 0.01, 1e-7, 1e21, -0.5, 123_456_789.25],
            text: "quote \" backslash \\ slash / newline \n tab \t bell \u{7} é 漢字 🙂",
            missing: nil, nothing: nil,
            leaves: [Leaf(name: "a", weight: 1, tags: []), Leaf(name: "b", weight: nil, tags: ["x", "y"])],
            shapes: [.point, .circle(radius: 2.5), .labelled("l", 3)],
            byName: ["one": 1, "half": 0.5], byNumber: [2: "two", 10: "ten"],
            nested: [[1, 2], [], [3]], empty: Empty(), emptyList: [])
        let streamed = try JSONStreamEncoder.encode(document)
        let foundation = try foundationJSON(document)
        #expect(try jsonbText(streamed) == jsonbText(foundation))
        #expect(streamed.contains("\"small\":-8"))
        #expect(streamed.contains("\"numbers\":[75,87.5,0.3333,0.01,1e-07,1e+21,-0.5,123456789.25]"))
    }

    @Test func scalarsAtTopLevel() throws {
        #expect(try JSONStreamEncoder.encode(42) == "42")
        #expect(try JSONStreamEncoder.encode(2.0) == "2")
        #expect(try JSONStreamEncoder.encode("a\"b") == #""a\"b""#)
        #expect(try JSONStreamEncoder.encode([Int?.none, 1]) == "[null,1]")
        #expect(try JSONStreamEncoder.encode(Empty()) == "{}")
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try JSONStreamEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONStreamEncoder.encode(Leaf(name: "x", weight: .infinity, tags: [])) }
    }
}
