/// Cell references as SpreadsheetML writes them: column letters A … XFD, then the 1-based row ("C7").
enum CellReference {
    /// The letters of the 0-based column `index` (0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD").
    static func column(_ index: Int) -> String {
        var number = index + 1
        var letters = [Character]()
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The reference of the cell at 0-based `column` and 1-based `row`.
    static func cell(column: Int, row: Int) -> String { Self.column(column) + String(row) }
}

/// Text as an Office Open XML string value (ECMA-376 `ST_Xstring`). XML 1.0 cannot hold most control characters and
/// turns a carriage return into a line feed when read, so those are written as `_xHHHH_`, and an underscore that
/// would otherwise start such a sequence is written `_x005F_`: a spreadsheet program reads back exactly the text
/// given. Markup characters are left to the XML encoder.
enum OfficeText {
    static func encode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) || $0 == "_" }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if needsEscape(scalar) {
                out.append(contentsOf: escaped(scalar.value).unicodeScalars)
            } else if scalar == "_" && startsEscape(scalars, at: index) {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Control characters other than tab and line feed, and the non-characters U+FFFE and U+FFFF.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// Whether `_xHHHH_` (four hexadecimal digits) starts at `index`.
    private static func startsEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func escaped(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }
}
