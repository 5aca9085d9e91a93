/// Zero-padded decimal text for codes, NIP serials and two-decimal values.
enum Digits {
    /// `value` (≥ 0) in decimal, left-padded with zeros to `width` digits; a longer number is not cut.
    /// `Digits.padded(7, 3)` is `"007"`.
    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
