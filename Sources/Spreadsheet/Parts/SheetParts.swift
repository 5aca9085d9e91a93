internal import XMLCoder

/// The pieces of a worksheet part (`xl/worksheets/sheetN.xml`), each encoded by XMLCoder on its own so rows can be
/// written one at a time: the head (dimension, a frozen header row, column widths), then one `<row>` per row.
enum SheetParts {
    /// `<dimension ref="A1:P501"/>`: the used range.
    struct Dimension: Encodable, DynamicNodeEncoding {
        let ref: String
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    /// `<sheetViews>` with the first row frozen, so the header stays in view while scrolling.
    struct SheetViews: Encodable {
        struct View: Encodable, DynamicNodeEncoding {
            let workbookViewId = 0
            let pane = Pane()
            let selection = Selection()
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
                key.stringValue == "workbookViewId" ? .attribute : .element
            }
        }

        struct Pane: Encodable, DynamicNodeEncoding {
            let ySplit = 1
            let topLeftCell = "A2"
            let activePane = "bottomLeft"
            let state = "frozen"
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }

        struct Selection: Encodable, DynamicNodeEncoding {
            let pane = "bottomLeft"
            let activeCell = "A2"
            let sqref = "A2"
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }

        let sheetView = View()
    }

    /// `<cols>`: one `<col>` per column with its width and default style.
    struct Columns: Encodable {
        struct Col: Encodable, DynamicNodeEncoding {
            let min: Int
            let max: Int
            let width: Double
            let style: Int
            let customWidth = 1
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }
        let col: [Col]
    }

    /// `<row r="2">` and its cells.
    struct Row: Encodable, DynamicNodeEncoding {
        let r: Int
        let c: [CellElement]
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == "r" ? .attribute : .element
        }
    }

    /// `<c r="A2" s="1" t="inlineStr"><is><t>…</t></is></c>` for text, `<c r="B2" s="2"><v>72.5</v></c>` for a
    /// number. Text is stored inline (no shared-string table), so rows can be written as they come.
    struct CellElement: Encodable, DynamicNodeEncoding {
        let r: String
        let s: Int?
        let t: String?
        let v: String?
        let inline: InlineString?

        enum CodingKeys: String, CodingKey { case r, s, t, v, inline = "is" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            switch key.stringValue {
            case "r", "s", "t": return .attribute
            default: return .element
            }
        }
    }

    struct InlineString: Encodable {
        let t: Text
    }

    /// `<t>`, with `xml:space="preserve"` when the text starts or ends with white space, which XML would drop.
    struct Text: Encodable, DynamicNodeEncoding {
        let space: String?
        let value: String

        enum CodingKeys: String, CodingKey { case space = "xml:space", value = "" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue == CodingKeys.space.rawValue ? .attribute : .element
        }

        init(_ text: String) {
            value = OfficeText.encode(text)
            let edges = [text.unicodeScalars.first, text.unicodeScalars.last].compactMap { $0 }
            space = edges.contains { $0.properties.isWhitespace } ? "preserve" : nil
        }
    }
}
