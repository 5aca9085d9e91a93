import DemoCity
import Testing

@Suite("CivilDate")
struct CivilDateTests {
    @Test("parses and prints ISO dates, and refuses impossible ones")
    func iso() {
        #expect(CivilDate(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDate(iso: "1970-01-01")?.description == "1970-01-01")
        #expect(CivilDate(iso: "1899-12-31")?.description == "1899-12-31")
        #expect(CivilDate(iso: "2023-02-29") == nil)
        #expect(CivilDate(iso: "2026-3-31") == nil)
        #expect(CivilDate(iso: "2026-13-01") == nil)
    }

    @Test("orders dates by day")
    func order() throws {
        let earlier = try #require(CivilDate(iso: "2025-12-31"))
        let later = try #require(CivilDate(iso: "2026-01-01"))
        #expect(earlier < later)
        #expect(CivilDate(year: 2026, month: 3, day: 31) == CivilDate(iso: "2026-03-31"))
    }
}
