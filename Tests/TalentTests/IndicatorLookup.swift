import Talent

extension Placement {
    /// The indicator (or composite part) named `name` on either axis; parts are searched after the axes' own
    /// indicators, so a part's name that is also an indicator's (`PENDIDIKAN`, `DISIPLIN`) finds the indicator.
    func indicator(_ name: String) -> IndicatorExplanation? {
        let top = explanation.kinerja.indicators + explanation.potensi.indicators
        if let found = top.first(where: { $0.indicator == name }) { return found }
        return top.flatMap(\.parts).first { $0.indicator == name }
    }

    /// A part of the composite indicator `composite`.
    func part(_ name: String, of composite: String) -> IndicatorExplanation? {
        indicator(composite)?.parts.first { $0.indicator == name }
    }

    /// The flags among `codes`, to compare a rule's own flags whatever the rest of the profile raises.
    func flags(among codes: Set<PlacementFlag>) -> [PlacementFlag] { flags.filter(codes.contains) }
}
