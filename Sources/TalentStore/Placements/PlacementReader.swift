import Foundation
public import Postgres
public import Talent

/// Reads stored placements back as the rules' `Placement` values: the columns of `talent.assessment_result` and
/// `talent.pool_evaluation`, with the explanation from its jsonb and the points at stake from
/// `talent.indicator_result` (none for results stored before migration 0020).
public enum PlacementReader {
    /// Every placement of a period, in NIP order.
    /// - Throws: `StoreError` (`.invalidStoredValue`) when a stored row does not form a `Placement`; `PostgresError`.
    public static func placements(periodID: Int64, on connection: Connection) throws -> [Placement] {
        let rows = try connection.execute("""
            SELECT jsonb_build_object(
                       'nip', r.nip, 'year', p.year, 'status', r.status, 'reason', r.reason,
                       'targetLevel', r.target_level, 'kinerjaScore', r.kinerja_score, 'kinerjaLevel', r.kinerja_level,
                       'potensiScore', r.potensi_score, 'potensiLevel', r.potensi_level, 'box', r.box,
                       'recommendations', to_jsonb(r.recommendations), 'isPoolMember', coalesce(pe.is_member, false),
                       'poolBlockers', to_jsonb(coalesce(pe.blockers, '{}')), 'krsNasional', coalesce(pe.krs_nasional, false),
                       'flags', to_jsonb(r.flags), 'ruleVersion', r.rule_version, 'explanation', r.explanation,
                       'fingerprint', r.inputs_fingerprint, 'bestBox', r.best_box,
                       'pointsAtStake', coalesce((SELECT jsonb_agg(i.points_at_stake ORDER BY i.ordinal)
                                                    FROM talent.indicator_result i
                                                   WHERE i.period_id = r.period_id AND i.employee_id = r.employee_id),
                                                 '[]'::jsonb))::text AS placement
              FROM talent.assessment_result r
              JOIN talent.review_period p ON p.id = r.period_id
              LEFT JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
             WHERE r.period_id = $1
             ORDER BY r.nip
            """, [periodID], name: "talent.read_placements").rows
        let decoder = JSONDecoder()
        return try rows.map { row in
            let json = try row.text("placement")
            do {
                return try decoder.decode(Placement.self, from: Data(json.utf8))
            } catch {
                throw StoreError(.invalidStoredValue, "a stored placement of period \(periodID) does not decode: \(error)")
            }
        }.sorted { $0.nip < $1.nip }
    }
}
