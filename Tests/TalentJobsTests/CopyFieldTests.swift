@testable import TalentStore
import Talent
import TestThreads
import Testing

/// The COPY text of numbers (`CopyField`, written straight into a short string) is exactly their description.
@Suite("COPY fields of numbers", .ownThread)
struct CopyFieldTests {
    @Test("scores, weights, weighted scores and whole numbers print as their descriptions")
    func sameAsDescriptions() {
        for hundredths in Array(-250...250) + Array(stride(from: 0, through: 1_000_000, by: 997)) + [9_999, 10_000] {
            #expect(CopyField.score(Score(hundredths: hundredths)) == Score(hundredths: hundredths).description)
        }
        for percent in 0...100 {
            let weight = Weight(percent: percent)
            #expect(CopyField.percent(weight) == weight.percentDescription)
            #expect(CopyField.whole(percent) == String(percent))
            for hundredths in stride(from: 0, through: 10_000, by: 37) {
                let weighted = WeightedScore(score: Score(hundredths: hundredths), weight: weight)
                #expect(CopyField.weighted(weighted) == weighted.description)
            }
        }
        let third = Weight(tenThousandths: 3_333)
        #expect(CopyField.percent(third) == third.percentDescription)
        let odd = WeightedScore(score: Score(hundredths: 7_001), weight: third)
        #expect(CopyField.weighted(odd) == odd.description)
        #expect(CopyField.whole(-42) == "-42" && CopyField.fixed(-50, places: 2) == "-0.50")
    }
}
