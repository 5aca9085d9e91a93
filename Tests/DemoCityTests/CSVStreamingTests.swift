import Interchange
import TestThreads
import Testing

@Suite("CSVWriter streaming", .ownThread)
struct CSVStreamingTests {
    @Test("a header then rendered chunks equals rendering everything at once")
    func chunksEqualWhole() {
        let header = ["nip", "name"]
        let rows = [["1", "Ani, S.Pd."], ["2", "say \"hi\""], ["3", "line\r\nbreak"], ["4", ""]]
        let whole = CSVWriter.render(header: header, rows: rows)
        let streamed = CSVWriter.render(header: header, rows: []) + CSVWriter.renderRows(rows.prefix(2), columns: 2)
            + CSVWriter.renderRows(rows.dropFirst(2), columns: 2)
        #expect(streamed == whole)
        #expect(whole == "nip,name\n1,\"Ani, S.Pd.\"\n2,\"say \"\"hi\"\"\"\n3,\"line\r\nbreak\"\n4,\n")
    }
}
