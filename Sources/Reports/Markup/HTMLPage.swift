import Foundation

/// The frame every HTML page of the reports shares: a self-contained UTF-8 document in well-formed XHTML syntax
/// (so tests parse it as XML), its styles inline, colours kept when printed.
enum HTMLPage {
    /// A complete document. `title` is escaped; `style` and `body` are markup the caller built (every text in them
    /// escaped with ``Escaping/markup(_:)``).
    static func document(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="id">
        <head>
        <meta charset="utf-8"/>
        <title>\(Escaping.markup(title))</title>
        <style>
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #1a1a1a; }
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

/// How figures print in the HTML reports.
enum Figures {
    /// `part` of `whole` as a whole percent ("83%"); "–" when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.0f%%", Double(part) * 100 / Double(whole))
    }

    /// Points with 2 decimals ("25.00").
    static func points(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A weight in percent: whole when it is whole ("60"), else with 2 decimals.
    static func weight(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    /// A count with thousands grouped by a thin space ("12 480"), as Indonesian and SI print them.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
