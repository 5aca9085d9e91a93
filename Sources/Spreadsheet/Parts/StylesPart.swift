internal import XMLCoder

/// `xl/styles.xml`: two fonts (regular, bold) and one cell format per (number format, bold) pair the workbook uses.
/// Style 0 is the default; the header row's cells are bold.
struct StylesPart: Encodable, DynamicNodeEncoding {
    /// The cell formats (`cellXfs`) of a workbook, in index order; a cell's `s` attribute is its index here.
    /// Index 0 is the default, 1 the bold header, then one per number format the columns use.
    struct Catalogue {
        private(set) var entries: [Entry] = [Entry(format: .general, bold: false), Entry(format: .general, bold: true)]

        struct Entry: Hashable {
            let format: NumberFormat
            let bold: Bool
        }

        /// The style of header cells.
        static let header = 1

        init(columns: [Column]) {
            for column in columns where !entries.contains(Entry(format: column.format, bold: false)) {
                entries.append(Entry(format: column.format, bold: false))
            }
        }

        /// The index of the (regular) cell format for a column's number format.
        func index(of format: NumberFormat) -> Int {
            entries.firstIndex(of: Entry(format: format, bold: false)) ?? 0
        }
    }

    struct NumberFormats: Encodable, DynamicNodeEncoding {
        struct Format: Encodable, DynamicNodeEncoding {
            let numFmtId: Int
            let formatCode: String
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }
        let count: Int
        let numFmt: [Format]
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "count" ? .attribute : .element
        }
    }

    struct Value<T: Encodable & Sendable>: Encodable, DynamicNodeEncoding {
        let val: T
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Font: Encodable {
        let b: Value<Int>?
        let sz = Value(val: 11)
        let name = Value(val: "Calibri")
        let family = Value(val: 2)
    }

    struct Fill: Encodable {
        let patternFill: Pattern
        struct Pattern: Encodable, DynamicNodeEncoding {
            let patternType: String
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }
    }

    struct Border: Encodable {
        let left = Empty(), right = Empty(), top = Empty(), bottom = Empty(), diagonal = Empty()
    }

    struct Empty: Encodable {}

    struct CellFormat: Encodable, DynamicNodeEncoding {
        let numFmtId: Int
        let fontId: Int
        let fillId = 0
        let borderId = 0
        let xfId: Int?
        let applyNumberFormat: Int?
        let applyFont: Int?
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Group<Element: Encodable & Sendable>: Encodable, DynamicNodeEncoding {
        let count: Int
        let elements: [Element]
        let elementName: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(count, forKey: Key("count"))
            try container.encode(elements, forKey: Key(elementName))
        }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "count" ? .attribute : .element
        }
    }

    struct CellStyle: Encodable, DynamicNodeEncoding {
        let name = "Normal"
        let xfId = 0
        let builtinId = 0
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Key: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    let xmlns = Namespace.spreadsheet
    let numFmts: NumberFormats?
    let fonts = Group(count: 2, elements: [Font(b: nil), Font(b: Value(val: 1))], elementName: "font")
    let fills = Group(count: 2, elements: [Fill(patternFill: .init(patternType: "none")),
                                           Fill(patternFill: .init(patternType: "gray125"))], elementName: "fill")
    let borders = Group(count: 1, elements: [Border()], elementName: "border")
    let cellStyleXfs = Group(count: 1, elements: [
        CellFormat(numFmtId: 0, fontId: 0, xfId: nil, applyNumberFormat: nil, applyFont: nil),
    ], elementName: "xf")
    let cellXfs: Group<CellFormat>
    let cellStyles = Group(count: 1, elements: [CellStyle()], elementName: "cellStyle")

    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == "xmlns" ? .attribute : .element
    }

    init(_ catalogue: Catalogue) {
        var custom = [NumberFormats.Format]()
        var formats = [CellFormat]()
        for entry in catalogue.entries {
            let id: Int
            switch entry.format {
            case .general: id = 0
            case .text: id = 49
            case .integer: id = 1
            case .decimal(let places) where places <= 0: id = 1
            case .decimal(places: 2): id = 2
            case .decimal(let places):
                let code = "0." + String(repeating: "0", count: min(places, 10))
                if let known = custom.first(where: { $0.formatCode == code }) {
                    id = known.numFmtId
                } else {
                    id = 164 + custom.count
                    custom.append(.init(numFmtId: id, formatCode: code))
                }
            }
            formats.append(CellFormat(numFmtId: id, fontId: entry.bold ? 1 : 0, xfId: 0,
                                      applyNumberFormat: id == 0 ? nil : 1, applyFont: entry.bold ? 1 : nil))
        }
        numFmts = custom.isEmpty ? nil : NumberFormats(count: custom.count, numFmt: custom)
        cellXfs = Group(count: formats.count, elements: formats, elementName: "xf")
    }
}
