/// Escaping of text placed in XML and HTML, so a name or a title can never open a tag or end an attribute.
enum Escaping {
    /// `text` with `& < > " '` replaced by entities; safe in element content and in quoted attribute values of
    /// both XML (SVG) and HTML. Control characters XML 1.0 forbids (other than tab, line feed, carriage return)
    /// are dropped.
    static func markup(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
