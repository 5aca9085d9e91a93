internal import XMLCoder

/// The parts around the worksheets, as XMLCoder documents: `[Content_Types].xml`, the relationships, the workbook.
/// Names of ECMA-376 Part 1 (SpreadsheetML) and Part 2 (Open Packaging Conventions).
enum Namespace {
    static let contentTypes = "http://schemas.openxmlformats.org/package/2006/content-types"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
}

/// `[Content_Types].xml`: the media type of every part.
struct ContentTypes: Encodable, DynamicNodeEncoding {
    struct Default: Encodable, DynamicNodeEncoding {
        let extensionName: String
        let contentType: String
        enum CodingKeys: String, CodingKey { case extensionName = "Extension", contentType = "ContentType" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    struct Override: Encodable, DynamicNodeEncoding {
        let partName: String
        let contentType: String
        enum CodingKeys: String, CodingKey { case partName = "PartName", contentType = "ContentType" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    let xmlns = Namespace.contentTypes
    let defaults: [Default]
    let overrides: [Override]

    enum CodingKeys: String, CodingKey { case xmlns, defaults = "Default", overrides = "Override" }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == CodingKeys.xmlns.rawValue ? .attribute : .element
    }

    init(sheetCount: Int) {
        defaults = [
            Default(extensionName: "rels", contentType: "application/vnd.openxmlformats-package.relationships+xml"),
            Default(extensionName: "xml", contentType: "application/xml"),
        ]
        overrides = [
            Override(partName: "/xl/workbook.xml",
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            Override(partName: "/xl/styles.xml",
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
        ] + (1...sheetCount).map {
            Override(partName: "/" + WorkbookPart.sheetPath($0),
                     contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
        }
    }
}

/// A relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`).
struct Relationships: Encodable, DynamicNodeEncoding {
    struct Relationship: Encodable, DynamicNodeEncoding {
        let id: String
        let type: String
        let target: String
        enum CodingKeys: String, CodingKey { case id = "Id", type = "Type", target = "Target" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    let xmlns = Namespace.packageRelationships
    let relationships: [Relationship]

    enum CodingKeys: String, CodingKey { case xmlns, relationships = "Relationship" }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        key.stringValue == CodingKeys.xmlns.rawValue ? .attribute : .element
    }

    /// The package's one relationship: its main part is the workbook.
    static let package = Relationships(relationships: [
        Relationship(id: "rId1", type: Namespace.officeRelationships + "/officeDocument", target: "xl/workbook.xml"),
    ])

    /// The workbook's: sheet `n` is `rId<n>`, the styles come after them.
    static func workbook(sheetCount: Int) -> Relationships {
        Relationships(relationships: (1...sheetCount).map {
            Relationship(id: "rId\($0)", type: Namespace.officeRelationships + "/worksheet",
                         target: "worksheets/sheet\($0).xml")
        } + [Relationship(id: "rId\(sheetCount + 1)", type: Namespace.officeRelationships + "/styles",
                          target: "styles.xml")])
    }
}

/// `xl/workbook.xml`: the list of worksheets, by name, in tab order.
struct WorkbookPart: Encodable, DynamicNodeEncoding {
    struct BookViews: Encodable {
        struct View: Encodable, DynamicNodeEncoding {
            let activeTab = 0
            static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
        }
        let workbookView = View()
    }

    struct Sheets: Encodable {
        let sheet: [Sheet]
    }

    struct Sheet: Encodable, DynamicNodeEncoding {
        let name: String
        let sheetId: Int
        let relationship: String
        enum CodingKeys: String, CodingKey { case name, sheetId, relationship = "r:id" }
        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
    }

    let xmlns = Namespace.spreadsheet
    let xmlnsR = Namespace.officeRelationships
    let bookViews = BookViews()
    let sheets: Sheets

    enum CodingKeys: String, CodingKey { case xmlns, xmlnsR = "xmlns:r", bookViews, sheets }
    static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
        switch key.stringValue {
        case CodingKeys.xmlns.rawValue, CodingKeys.xmlnsR.rawValue: return .attribute
        default: return .element
        }
    }

    init(sheetNames: [String]) {
        sheets = Sheets(sheet: sheetNames.enumerated().map {
            Sheet(name: $0.element, sheetId: $0.offset + 1, relationship: "rId\($0.offset + 1)")
        })
    }

    /// The path inside the package of worksheet `number` (1-based).
    static func sheetPath(_ number: Int) -> String { "xl/worksheets/sheet\(number).xml" }
}
