/// Synthetic Indonesian-sounding names built from syllable tables: one to three words, with endings that lean
/// male or female. No table holds a real person's name; a combination may by chance match one, as any common name
/// would.
enum NameMaker {
    private static let openings = [
        "A", "Ba", "Bu", "Da", "Di", "Dwi", "E", "Fa", "Ga", "Gu", "Ha", "He", "I", "In", "Ja", "Jo", "Ka", "Ku", "La", "Li",
        "Ma", "Mu", "Na", "Nu", "O", "Pa", "Pra", "Ra", "Ri", "Ru", "Sa", "Se", "Si", "Su", "Ta", "Ti", "Tri", "U", "Wa",
        "Wi", "Ya", "Yu", "Za", "Ar", "Bam", "Dar", "Hen", "Kur", "Lin", "Mar", "Nur", "Per", "Rah", "Sur", "War",
    ]
    private static let middles = [
        "", "", "", "ba", "da", "di", "ga", "ha", "ja", "ka", "la", "li", "ma", "mi", "na", "ni", "ra", "ri", "sa", "ta",
        "ti", "wa", "ya", "yu", "lu", "nu", "ru", "su", "gu", "han", "lan", "man", "ran", "san", "tan", "hi", "ki",
    ]
    private static let maleEndings = [
        "di", "do", "to", "no", "yo", "wan", "man", "dan", "ran", "fi", "ri", "sa", "an", "ar", "us", "ad", "at", "ir",
        "dianto", "harjo", "nanto", "sono", "wanto", "mad", "ruddin", "fuddin", "jaya", "lang", "pul", "tono",
    ]
    private static let femaleEndings = [
        "ti", "ni", "wati", "yani", "sih", "rah", "na", "ya", "la", "ri", "nah", "ta", "sari", "ra", "dewi", "lia", "yati",
        "rina", "mi", "tin", "fah", "nita", "rani", "wulan", "ningsih", "ika", "dah", "ia", "yah", "sa",
    ]

    /// A name of one to three words for sex `L` (male) or `P` (female).
    static func name(female: Bool, _ random: inout SplitMix64) -> String {
        let words = random.weightedIndex([12, 70, 18]) + 1
        var parts: [String] = []
        for position in 0..<words {
            // Later words (family-style names) lean a little toward the male endings for everyone, as in patronyms.
            let femaleWord = female && (position == 0 || random.chance(perMille: 550))
            parts.append(word(female: femaleWord, &random))
        }
        return parts.joined(separator: " ")
    }

    private static func word(female: Bool, _ random: inout SplitMix64) -> String {
        let ending = random.pick(female ? femaleEndings : maleEndings)
        let base = random.pick(openings) + random.pick(middles)
        // Avoid three vowels in a row at the seam, e.g. "Baa" + "an".
        if let last = base.last, let first = ending.first, "aeiou".contains(last) && "aeiou".contains(first) {
            return base + String(ending.dropFirst())
        }
        return base + ending
    }
}
