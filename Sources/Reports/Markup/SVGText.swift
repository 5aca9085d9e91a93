/// The `<text>` element every SVG drawing of the reports writes.
enum SVGText {
    /// A `<text>` element at (x, y); `content` is escaped, the attributes are the caller's constants.
    static func element(
        _ content: String, x: Int, y: Int, size: Int, weight: String? = nil, anchor: String? = nil,
        fill: String = "#000000", cssClass: String
    ) -> String {
        var attributes = "x=\"\(x)\" y=\"\(y)\" font-size=\"\(size)\" fill=\"\(fill)\" class=\"\(cssClass)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        return "<text \(attributes)>\(Escaping.markup(content))</text>\n"
    }
}
