import Foundation

/// Exact decimals printed as results print them (DOMAIN.md §11): scores with 2 decimals, weighted points with 4,
/// weights as the shortest decimal (`60`, `33.33`).
enum DecimalText {
    /// `value` rounded half-up to `places` decimals and printed with exactly that many (`80` → `80.00`).
    static func fixed(_ value: Decimal, places: Int) -> String {
        var rounded = Decimal()
        var input = value
        NSDecimalRound(&rounded, &input, places, .plain)
        var text = rounded.description
        if places > 0 {
            if !text.contains(".") { text += "." }
            let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
            text += String(repeating: "0", count: max(0, places - decimals))
        }
        return text
    }

    /// A score: 2 decimals; "–" for none.
    static func score(_ value: Decimal?) -> String { value.map { fixed($0, places: 2) } ?? "–" }

    /// Weighted points: 4 decimals; "–" for none.
    static func points(_ value: Decimal?) -> String { value.map { fixed($0, places: 4) } ?? "–" }

    /// A weight in percent as the shortest decimal: `60`, `33.33`.
    static func weight(_ value: Decimal) -> String { value.description }
}
