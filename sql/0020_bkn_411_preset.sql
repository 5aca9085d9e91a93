-- 0020_bkn_411_preset.sql: the database side of the BKN 411/2025 preset and of per-indicator results (issue 15,
-- phase 2).
--
-- 1. The preset `bkn-411-2025/preset@1` in talent.rule_set, exactly the JSON of the Talent module's
--    RuleSet.bkn411Preset (Tests/Fixtures/rule-sets/bkn-411-2025-preset@1.json; a test compares the stored row with
--    the Swift value). It is RECONSTRUCTED from public implementations of Keputusan Kepala BKN 411/2025 and NOT
--    checked against its Lampiran: its `provenance` says so, and `talenta rules list|show` print it.
-- 2. The inputs the preset reads (DOMAIN.md §11, §12.7) in hr: potential assessments (asesmen potensi, 8 aspects),
--    team assignments by decree (penugasan tim), 360° feedback (umpan balik 360), acting assignments (PJ, PLT, PLH)
--    and earlier posts (riwayat jabatan); education.field_fit (kesesuaian bidang ilmu); award level INTERNASIONAL;
--    invalid-row markers of the new kinds. Every constraint is at most as strict as the import's validator (a row it
--    accepts always stores); dates after D and years at or after Y are the engine's to flag, as for the other
--    tables. The new tables get the recalculation triggers of sql/0006 and the grants of sql/0009.
-- 3. Per-indicator results: talent.indicator_result (one row per indicator of each result, indicators.csv's rows
--    with their state, best score and points at stake), written with the result by the worker in its transaction;
--    talent.assessment_result.best_box (also kept in the history of results); the view talent.indicators for
--    integrators.
--
-- Indicator rows have no history table of their own: a replaced or deleted result is kept whole in
-- talent.assessment_result_history (sql/0005), and its explanation holds every indicator row (axis, indicator, score,
-- weight, state, best); points at stake follow from those and the rule set (rule_version). Copying eleven rows per
-- replaced result would double the cost of every recalculation (a rule-set activation replaces a city's results).

-- ---------------------------------------------------------------- 1. the preset
DO $preset$
DECLARE
    preset constant jsonb := $json$
{
  "assessedStates": ["AKTIF", "DIBERHENTIKAN_SEMENTARA", "CLTN"],
  "kinerja": {
    "caps": [],
    "cutOffs": {"ATAS": 80, "SESUAI": 60},
    "indicators": [
      {"best": 100, "indicator": "SKP", "measure": {"SKP_YEAR": {"legacyBands": [{"minimum": 91, "predicate": "SANGAT_BAIK"}, {"minimum": 76, "predicate": "BAIK"}, {"minimum": 61, "predicate": "BUTUH_PERBAIKAN"}, {"minimum": 51, "predicate": "KURANG"}, {"minimum": 0, "predicate": "SANGAT_KURANG"}], "points": {"BAIK": 80, "BUTUH_PERBAIKAN": 60, "KURANG": 40, "SANGAT_BAIK": 100, "SANGAT_KURANG": 20}, "rank": 1, "windowYears": 4}}, "weight": 60, "whenNone": {"state": "MISSING"}},
      {"best": 100, "indicator": "PENGHARGAAN", "measure": {"AWARD": {"points": {"INTERNASIONAL": 100, "KOTA": 25, "NASIONAL": 75, "PROVINSI": 50}, "windowYears": 5}}, "weight": 15, "whenNone": {"score": 0, "state": "NO_RECORD"}},
      {"best": 100, "indicator": "PENUGASAN_TIM", "measure": {"TEAM_DECREE": {"points": {"ANGGOTA": {"INSTANSI": 25, "LINTAS_INSTANSI": 50}, "KETUA": {"INSTANSI": 75, "LINTAS_INSTANSI": 100}}, "windowYears": 2}}, "weight": 15, "whenNone": {"score": 0, "state": "NO_RECORD"}},
      {"best": 100, "indicator": "UMPAN_BALIK_360", "measure": {"FEEDBACK_360": {"points": {"BAIK": 80, "BUTUH_PERBAIKAN": 60, "KURANG": 40, "SANGAT_BAIK": 100, "SANGAT_KURANG": 20}, "windowYears": 2}}, "weight": 10, "whenNone": {"flag": "TANPA_UMPAN_BALIK_360", "score": 0, "state": "MISSING"}}
    ],
    "notPlacedWithout": "SKP",
    "overrides": [],
    "weighting": {"cases": [], "policy": "FIXED"}
  },
  "levels": {
    "ADMINISTRATOR": {"competencyStandard": 3, "leadershipTraining": "PKA", "minimumEducation": "S1", "minimumGolongan": "III/d", "minimumYearsToRetirement": 3, "retirementAge": 58, "yearsAtLevel": 3},
    "JPT_PRATAMA": {"competencyStandard": 4, "leadershipTraining": "PKN_II", "maximumAge": 56, "minimumEducation": "S1", "minimumGolongan": "IV/b", "minimumYearsToRetirement": 4, "retirementAge": 60, "yearsAtLevel": 2},
    "PENGAWAS": {"competencyStandard": 2, "leadershipTraining": "PKP", "minimumEducation": "D3", "minimumGolongan": "III/b", "minimumYearsToRetirement": 2, "retirementAge": 58, "yearsAtLevel": 4}
  },
  "name": "bkn-411-2025/preset",
  "penalties": {"defaultDurationMonths": {"BERAT": 12, "RINGAN": 0, "SEDANG": 12}},
  "pool": {"boxes": [7, 8, 9], "disciplineLevels": ["SEDANG", "BERAT"], "disciplineWindowYears": 2, "eligibleStates": ["AKTIF"], "eligibleStatuses": ["PNS"], "nationalBoxes": [9], "runningPenaltyBlocks": true},
  "potensi": {
    "caps": [],
    "cutOffs": {"MENENGAH": 60, "TINGGI": 80},
    "indicators": [
      {"best": 100, "indicator": "ASESMEN_KOMPETENSI", "measure": {"COMPETENCY_ASSESSMENT": {"weights": {"integritas": 2, "kerja_sama": 2, "komunikasi": 2, "mengelola_perubahan": 3, "orientasi_hasil": 2, "pelayanan_publik": 3, "pengambilan_keputusan": 2, "pengembangan_diri": 2, "perekat_bangsa": 2}, "windowYears": 3}}, "weight": 20, "whenNone": {"flag": "TANPA_ASESMEN", "score": 0, "state": "MISSING"}},
      {"best": 100, "indicator": "PENGEMBANGAN_KOMPETENSI", "measure": {"COMPOSITE": {"parts": [{"best": 100, "indicator": "KURSUS", "measure": {"TRAINING_COUNT": {"bands": [{"minimum": 8, "points": 100}, {"minimum": 6, "points": 75}, {"minimum": 4, "points": 50}, {"minimum": 1, "points": 25}], "counted": [{"except": true, "kinds": ["PKP", "DIKLATPIM_IV", "PKA", "DIKLATPIM_III", "PKN_II", "DIKLATPIM_II", "PKN_I", "DIKLATPIM_I", "SERTIFIKASI", "DIKLAT_FUNGSIONAL"], "windowYears": 3}], "otherPoints": 0}}, "weight": 50, "whenNone": {"score": 0, "state": "NO_RECORD"}}, {"best": 100, "indicator": "PROGRAM", "measure": {"TRAINING_COUNT": {"bands": [{"minimum": 3, "points": 100}, {"minimum": 1, "points": 50}], "counted": [{"except": false, "kinds": ["PKP", "DIKLATPIM_IV", "PKA", "DIKLATPIM_III", "PKN_II", "DIKLATPIM_II", "PKN_I", "DIKLATPIM_I"]}, {"except": false, "kinds": ["SERTIFIKASI", "DIKLAT_FUNGSIONAL"], "windowYears": 3}], "otherPoints": 0}}, "weight": 50, "whenNone": {"score": 0, "state": "NO_RECORD"}}]}}, "weight": 10},
      {"best": 100, "indicator": "PENGALAMAN_JABATAN", "measure": {"COMPOSITE": {"parts": [{"best": 100, "indicator": "MASA_JABATAN", "measure": {"TENURE": {"bands": [{"minimumYears": 5, "points": 100}, {"minimumYears": 3, "points": 80}], "otherPoints": 60}}, "weight": 40}, {"best": 100, "indicator": "VARIASI_JABATAN", "measure": {"POST_VARIETY": {"minimumUnits": 2, "oneUnit": 60, "otherAgency": 100, "severalUnits": 80}}, "weight": 30}, {"best": 100, "indicator": "PJ_PLT_PLH", "measure": {"ACTING": {"points": [{"kind": "PJ", "points": 100}, {"kind": "PLT", "level": "ATAS", "points": 80}, {"kind": "PLT", "level": "SETARA", "points": 60}, {"kind": "PLH", "level": "ATAS", "points": 40}, {"kind": "PLH", "level": "SETARA", "points": 20}]}}, "weight": 30, "whenNone": {"score": 0, "state": "NO_RECORD"}}]}}, "weight": 10},
      {"best": 100, "indicator": "ASESMEN_POTENSI", "measure": {"POTENTIAL_ASSESSMENT": {"topLevel": 5, "weights": {"belajar_cepat": 4, "berpikir_kritis_strategis": 3, "kecerdasan_emosional": 3, "kemampuan_intelektual": 3, "kemampuan_interpersonal": 3, "kesadaran_diri": 3, "menyelesaikan_masalah": 3, "motivasi_komitmen": 3}, "windowYears": 3}}, "weight": 25, "whenNone": {"flag": "TANPA_ASESMEN_POTENSI", "score": 0, "state": "MISSING"}},
      {"best": 100, "indicator": "PENDIDIKAN", "measure": {"EDUCATION_LEVEL": {"otherPoints": 60, "points": {"D3": 70, "D4": 80, "S1": 80, "S2": 90, "S3": 100}}}, "weight": 10, "whenNone": {"flag": "TANPA_PENDIDIKAN", "score": 0, "state": "MISSING"}},
      {"best": 100, "indicator": "KESESUAIAN_BIDANG", "measure": {"FIELD_FIT": {"doesNotFit": 50, "fits": 100}}, "weight": 10, "whenNone": {"flag": "BIDANG_ILMU_BELUM_DINILAI", "score": 50, "state": "MISSING"}},
      {"best": 100, "indicator": "DISIPLIN", "measure": {"DISCIPLINE": {"points": {"BERAT": 25, "RINGAN": 75, "SEDANG": 50}, "running": {"levels": ["RINGAN", "SEDANG", "BERAT"], "points": 0}, "windowBasis": "END", "windowYears": 5}}, "weight": 15, "whenNone": {"score": 100, "state": "PRESENT"}}
    ],
    "overrides": [],
    "weighting": {"cases": [], "policy": "FIXED"}
  },
  "provenance": "reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran",
  "succession": {"candidatesKept": 3, "closableGolonganSteps": 1, "closableYearsAtLevel": 2, "gapsIgnoredForReadiness": ["PELATIHAN"], "nilaiKinerjaWeight": 50, "nilaiPotensiWeight": 50, "ownOPDFirstLevels": ["PENGAWAS", "ADMINISTRATOR"], "retirementHorizonYears": 2},
  "targetLevels": [{"kind": "PELAKSANA", "target": "PENGAWAS"}, {"jenjang": "PEMULA", "kind": "FUNGSIONAL", "target": "PENGAWAS"}, {"jenjang": "TERAMPIL", "kind": "FUNGSIONAL", "target": "PENGAWAS"}, {"jenjang": "MAHIR", "kind": "FUNGSIONAL", "target": "PENGAWAS"}, {"jenjang": "PENYELIA", "kind": "FUNGSIONAL", "target": "PENGAWAS"}, {"jenjang": "AHLI_PERTAMA", "kind": "FUNGSIONAL", "target": "PENGAWAS"}, {"kind": "PENGAWAS", "target": "ADMINISTRATOR"}, {"jenjang": "AHLI_MUDA", "kind": "FUNGSIONAL", "target": "ADMINISTRATOR"}, {"kind": "ADMINISTRATOR", "target": "JPT_PRATAMA"}, {"kind": "JPT_PRATAMA", "target": "JPT_PRATAMA"}, {"jenjang": "AHLI_MADYA", "kind": "FUNGSIONAL", "target": "JPT_PRATAMA"}, {"jenjang": "AHLI_UTAMA", "kind": "FUNGSIONAL", "target": "JPT_PRATAMA"}],
  "version": 1
}
$json$;
    stored jsonb;
BEGIN
    PERFORM talent.check_rule_set(preset);
    SELECT r.parameters INTO stored FROM talent.rule_set r WHERE r.name = preset ->> 'name' AND r.version = 1;
    IF NOT FOUND THEN
        INSERT INTO talent.rule_set (name, version, parameters) VALUES (preset ->> 'name', 1, preset);
    ELSIF stored <> preset THEN
        RAISE EXCEPTION '0020: talent.rule_set holds bkn-411-2025/preset@1 with other parameters than the built-in preset'
            USING ERRCODE = 'unique_violation',
                  HINT = 'Store that document under another name (talenta rules set), then migrate again.';
    END IF;
END;
$preset$;
COMMENT ON TABLE talent.rule_set IS
    'Versioned rule sets: every [practice], [default] and [411, reconstructed] number of the rules, as JSON. A changed '
    'parameter is a new version. Built in: permenpanrb-3-2020/default@1 (registered on first use) and '
    'bkn-411-2025/preset@1 (installed by migration 0020; reconstructed from public implementations of Kepka BKN '
    '411/2025, not checked against its Lampiran, as its provenance says).';

-- ---------------------------------------------------------------- 2. the preset's inputs in hr
ALTER TABLE hr.education ADD COLUMN field_fit boolean;
COMMENT ON COLUMN hr.education.field_fit IS
    'Kesesuaian bidang ilmu (field fit): whether the field of study fits the target position, as the agency judged it '
    '(education.csv''s optional column field_fit, DOMAIN.md §12.5); NULL when not judged. Scored only by the BKN '
    '411/2025 preset (KESESUAIAN_BIDANG).';

ALTER TABLE hr.award DROP CONSTRAINT award_level_check;
ALTER TABLE hr.award ADD CONSTRAINT award_level_check CHECK (level IN ('INTERNASIONAL', 'NASIONAL', 'PROVINSI', 'KOTA'));
COMMENT ON COLUMN hr.award.level IS
    'INTERNASIONAL, NASIONAL, PROVINSI or KOTA (DOMAIN.md §11). Under the BKN 411/2025 preset PROVINSI stands for a '
    'cross-agency and KOTA for an own-agency award.';

ALTER TABLE hr.invalid_row DROP CONSTRAINT invalid_row_kind_check;
ALTER TABLE hr.invalid_row ADD CONSTRAINT invalid_row_kind_check
    CHECK (kind IN ('education', 'training', 'performance', 'assessment', 'award', 'penalty', 'other_score',
                    'potential_assessment', 'team_assignment', 'feedback', 'acting_assignment', 'position_history'));
COMMENT ON COLUMN hr.invalid_row.kind IS
    'The kind of row (its file): education, training, performance, assessment, award, penalty, other_score, '
    'potential_assessment, team_assignment, feedback (feedback_360.csv), acting_assignment or position_history; the '
    'flag is INVALID_<KIND> (INVALID_FEEDBACK for feedback).';

CREATE TABLE hr.potential_assessment (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id               bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    assessed_on               date NOT NULL,
    method                    text,
    kemampuan_intelektual     smallint NOT NULL CHECK (kemampuan_intelektual BETWEEN 1 AND 5),
    kemampuan_interpersonal   smallint NOT NULL CHECK (kemampuan_interpersonal BETWEEN 1 AND 5),
    kesadaran_diri            smallint NOT NULL CHECK (kesadaran_diri BETWEEN 1 AND 5),
    berpikir_kritis_strategis smallint NOT NULL CHECK (berpikir_kritis_strategis BETWEEN 1 AND 5),
    menyelesaikan_masalah     smallint NOT NULL CHECK (menyelesaikan_masalah BETWEEN 1 AND 5),
    kecerdasan_emosional      smallint NOT NULL CHECK (kecerdasan_emosional BETWEEN 1 AND 5),
    belajar_cepat             smallint NOT NULL CHECK (belajar_cepat BETWEEN 1 AND 5),
    motivasi_komitmen         smallint NOT NULL CHECK (motivasi_komitmen BETWEEN 1 AND 5)
);
CREATE INDEX potential_assessment_employee_idx ON hr.potential_assessment (employee_id);
COMMENT ON TABLE hr.potential_assessment IS
    'Potential assessments (asesmen potensi; potential_assessments.csv, DOMAIN.md §12.7): the eight aspects of '
    'PermenPANRB 3/2020 as amended (Article 17), each a level 1-5. Scored only by the BKN 411/2025 preset '
    '(ASESMEN_POTENSI: the latest assessed_on within 3 years of D).';
COMMENT ON COLUMN hr.potential_assessment.id IS 'Internal id of the row.';
COMMENT ON COLUMN hr.potential_assessment.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN hr.potential_assessment.assessed_on IS 'The assessment''s date.';
COMMENT ON COLUMN hr.potential_assessment.method IS 'How it was made, free text (e.g. PROASN_CACT); NULL when not given. Never changes a score.';
COMMENT ON COLUMN hr.potential_assessment.kemampuan_intelektual IS 'Kemampuan intelektual (intellectual ability), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.kemampuan_interpersonal IS 'Kemampuan interpersonal (interpersonal ability), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.kesadaran_diri IS 'Kesadaran diri (self-awareness), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.berpikir_kritis_strategis IS 'Berpikir kritis dan strategis (critical and strategic thinking), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.menyelesaikan_masalah IS 'Kemampuan menyelesaikan masalah (problem solving), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.kecerdasan_emosional IS 'Kecerdasan emosional (emotional intelligence), level 1-5.';
COMMENT ON COLUMN hr.potential_assessment.belajar_cepat IS 'Kemampuan belajar cepat (learning agility), level 1-5; weighs 4 of 25 under the preset, the other aspects 3.';
COMMENT ON COLUMN hr.potential_assessment.motivasi_komitmen IS 'Motivasi dan komitmen (motivation and commitment), level 1-5.';

CREATE TABLE hr.team_assignment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('KETUA', 'ANGGOTA')),
    scope       text NOT NULL CHECK (scope IN ('LINTAS_INSTANSI', 'INSTANSI')),
    title       text,
    decided_on  date NOT NULL
);
CREATE INDEX team_assignment_employee_idx ON hr.team_assignment (employee_id);
COMMENT ON TABLE hr.team_assignment IS
    'Team assignments by decree (penugasan tim berdasarkan surat keputusan; team_assignments.csv, DOMAIN.md §12.7). '
    'Scored only by the BKN 411/2025 preset (PENUGASAN_TIM: the best decree within 2 years of D).';
COMMENT ON COLUMN hr.team_assignment.id IS 'Internal id of the row.';
COMMENT ON COLUMN hr.team_assignment.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN hr.team_assignment.role IS 'KETUA (lead; also owner or assessor of the team) or ANGGOTA (member).';
COMMENT ON COLUMN hr.team_assignment.scope IS 'LINTAS_INSTANSI (a cross-agency team) or INSTANSI (the employee''s own agency).';
COMMENT ON COLUMN hr.team_assignment.title IS 'The team''s name, free text; never read by the rules.';
COMMENT ON COLUMN hr.team_assignment.decided_on IS 'The decree''s date.';

CREATE TABLE hr.feedback_360 (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    year        integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    predicate   text CHECK (predicate IN ('SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG')),
    score       numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
    CHECK (predicate IS NOT NULL OR score IS NOT NULL)
);
CREATE INDEX feedback_360_employee_idx ON hr.feedback_360 (employee_id);
COMMENT ON TABLE hr.feedback_360 IS
    '360-degree feedback (umpan balik 360; feedback_360.csv, DOMAIN.md §12.7) per year: an SKP predicate, a score '
    '0-100, or both (the predicate wins). Scored only by the BKN 411/2025 preset (UMPAN_BALIK_360: the latest year '
    'in Y-2..Y-1). Invalid-row markers of this file have the kind feedback.';
COMMENT ON COLUMN hr.feedback_360.id IS 'Internal id of the row.';
COMMENT ON COLUMN hr.feedback_360.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN hr.feedback_360.year IS 'The year the feedback is for.';
COMMENT ON COLUMN hr.feedback_360.predicate IS 'SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG or SANGAT_KURANG (the SKP predicates, PermenPANRB 6/2022); NULL when only a score is given.';
COMMENT ON COLUMN hr.feedback_360.score IS 'A score 0-100 with 2 decimals (more are rounded half-up on import); NULL when only a predicate is given.';

CREATE TABLE hr.acting_assignment (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('PJ', 'PLT', 'PLH')),
    level       text CHECK (level IN ('ATAS', 'SETARA')),
    started_on  date NOT NULL,
    ended_on    date,
    CHECK (level IS NOT NULL OR kind = 'PJ'),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX acting_assignment_employee_idx ON hr.acting_assignment (employee_id);
COMMENT ON TABLE hr.acting_assignment IS
    'Acting assignments (acting_assignments.csv, DOMAIN.md §12.7): PJ (penjabat), PLT (pelaksana tugas) or PLH '
    '(pelaksana harian). Scored only by the BKN 411/2025 preset (the acting part of PENGALAMAN_JABATAN: the best one '
    'that started on or before D, whenever it ended).';
COMMENT ON COLUMN hr.acting_assignment.id IS 'Internal id of the row.';
COMMENT ON COLUMN hr.acting_assignment.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN hr.acting_assignment.kind IS 'PJ (penjabat, acting in a vacant post), PLT (pelaksana tugas) or PLH (pelaksana harian).';
COMMENT ON COLUMN hr.acting_assignment.level IS 'ATAS (a post one level above the employee''s own) or SETARA (the same level); PJ may leave it NULL.';
COMMENT ON COLUMN hr.acting_assignment.started_on IS 'The first day of the assignment.';
COMMENT ON COLUMN hr.acting_assignment.ended_on IS 'The last day; NULL (or a day after D) while it still runs.';

CREATE TABLE hr.position_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    started_on  date NOT NULL,
    unit_code   text NOT NULL CHECK (unit_code <> ''),
    agency      text
);
CREATE INDEX position_history_employee_idx ON hr.position_history (employee_id);
COMMENT ON TABLE hr.position_history IS
    'Earlier posts (riwayat jabatan; position_history.csv, DOMAIN.md §12.7). Scored only by the BKN 411/2025 preset '
    '(the variety part of PENGALAMAN_JABATAN: another agency, or two or more distinct units with the current one).';
COMMENT ON COLUMN hr.position_history.id IS 'Internal id of the row.';
COMMENT ON COLUMN hr.position_history.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN hr.position_history.started_on IS 'The first day in the post.';
COMMENT ON COLUMN hr.position_history.unit_code IS 'The unit''s code, compared as text; not checked against hr.unit (a post of another agency has its own codes).';
COMMENT ON COLUMN hr.position_history.agency IS 'The agency of a post outside this city''s government, free text; NULL for a post in this government.';

-- The recalculation triggers of sql/0006 (per statement; deferred during `talenta import`).
DO $$
DECLARE
    history text;
BEGIN
    FOREACH history IN ARRAY ARRAY['potential_assessment', 'team_assignment', 'feedback_360', 'acting_assignment',
                                   'position_history'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON hr.%I REFERENCING NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_insert', history);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON hr.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_update', history);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON hr.%I REFERENCING OLD TABLE AS old_rows '
                       'FOR EACH STATEMENT EXECUTE FUNCTION hr.recalculate_on_history_change()', history || '_recalculate_delete', history);
    END LOOP;
END;
$$;

-- The grants of the other hr tables (sql/0009): the worker reads, the HR systems and `talenta import` write.
GRANT SELECT ON hr.potential_assessment, hr.team_assignment, hr.feedback_360, hr.acting_assignment, hr.position_history
    TO talenta_worker;
GRANT SELECT, INSERT, UPDATE, DELETE
    ON hr.potential_assessment, hr.team_assignment, hr.feedback_360, hr.acting_assignment, hr.position_history
    TO talenta_hr_writer;

-- ---------------------------------------------------------------- 3. per-indicator results
-- The contract other work reads (completeness and explanation views, scenario comparisons): names, types and
-- meaning of these columns do not change without a new migration that says so.
CREATE TABLE talent.indicator_result (
    period_id       bigint   NOT NULL,
    employee_id     bigint   NOT NULL,
    ordinal         smallint NOT NULL CHECK (ordinal >= 1),
    axis            text     NOT NULL CHECK (axis IN ('KINERJA', 'POTENSI')),
    indicator       text     NOT NULL,
    score           numeric(5, 2),
    weight          smallint NOT NULL,
    weighted        numeric(7, 4),
    state           text     NOT NULL CHECK (state IN ('PRESENT', 'MISSING', 'NO_RECORD')),
    best            numeric(5, 2) NOT NULL,
    points_at_stake numeric(7, 4) NOT NULL,
    PRIMARY KEY (period_id, employee_id, ordinal),
    FOREIGN KEY (period_id, employee_id) REFERENCES talent.assessment_result (period_id, employee_id) ON DELETE CASCADE,
    CHECK ((score IS NULL) = (weighted IS NULL))
);
COMMENT ON TABLE talent.indicator_result IS
    'How each axis score of a result was built: one row per indicator of the rule set (indicators.csv, DOMAIN.md §11) '
    'for every assessed employee, placed or not, written with the result in the same transaction and deleted with it. '
    'Under one rule set every result has the same rows (the default 5, the BKN 411/2025 preset 11). Replaced results '
    'keep their indicator rows in the explanation of talent.assessment_result_history.';
COMMENT ON COLUMN talent.indicator_result.period_id IS 'The review period (talent.review_period.id).';
COMMENT ON COLUMN talent.indicator_result.employee_id IS 'The employee (hr.employee.id).';
COMMENT ON COLUMN talent.indicator_result.ordinal IS
    '1.. in indicators.csv order: the KINERJA indicators first, then POTENSI, each in the rule set''s order.';
COMMENT ON COLUMN talent.indicator_result.axis IS 'KINERJA (kinerja, performance) or POTENSI (potensi, potential).';
COMMENT ON COLUMN talent.indicator_result.indicator IS
    'The indicator''s name in the rule set: SKP_LATEST, SKP_PREVIOUS, ASESMEN, REKAM_JEJAK, PERTIMBANGAN_LAINNYA '
    '(default); SKP, PENGHARGAAN, PENUGASAN_TIM, UMPAN_BALIK_360, ASESMEN_KOMPETENSI, PENGEMBANGAN_KOMPETENSI, '
    'PENGALAMAN_JABATAN, ASESMEN_POTENSI, PENDIDIKAN, KESESUAIAN_BIDANG, DISIPLIN (BKN 411/2025 preset).';
COMMENT ON COLUMN talent.indicator_result.score IS
    'The indicator''s score 0-100, 2 decimals, as the rules round it; NULL when the employee has no value for it (the '
    'default''s missing assessment, committee score or second SKP year; an unplaced employee''s SKP).';
COMMENT ON COLUMN talent.indicator_result.weight IS
    'The whole percent of the axis this score carries for this employee (after the default''s re-weighting).';
COMMENT ON COLUMN talent.indicator_result.weighted IS 'score * weight / 100, exact (4 decimals); NULL when score is NULL.';
COMMENT ON COLUMN talent.indicator_result.state IS
    'PRESENT (a row counted, or no row is the complete case, as no penalty), MISSING (the data are missing: '
    'TANPA_ASESMEN, NO_KINERJA...) or NO_RECORD (no row, and zero may be true: no award, team decree or acting post).';
COMMENT ON COLUMN talent.indicator_result.best IS 'The best score the rule set declares for the indicator.';
COMMENT ON COLUMN talent.indicator_result.points_at_stake IS
    '0 when PRESENT. For MISSING and NO_RECORD: the weighted points the indicator''s missing data would add at their '
    'best, (score at best - score, NULL counting 0) * the weight it would carry with a value / 100 (its own weight; '
    'under re-weighting the weight of the case where it has a value and the others keep theirs). The score at best '
    'is best, but for a composite (REKAM_JEJAK, PENGEMBANGAN_KOMPETENSI, PENGALAMAN_JABATAN) its parts'' weighted sum '
    'with its MISSING and NO_RECORD parts at their best. Computed by the Talent module.';

ALTER TABLE talent.assessment_result ADD COLUMN best_box smallint CHECK (best_box BETWEEN 1 AND 9);
COMMENT ON COLUMN talent.assessment_result.best_box IS
    'The best box (kotak) the employee could reach if every MISSING and NO_RECORD indicator scored its best (for an '
    'unplaced employee too: SKP at its best): whose box the data can still change. NULL for results written before '
    'migration 0020.';

ALTER TABLE talent.assessment_result_history ADD COLUMN best_box smallint;
COMMENT ON COLUMN talent.assessment_result_history.best_box IS
    'talent.assessment_result.best_box of the replaced row; NULL for rows written before migration 0020.';

CREATE OR REPLACE FUNCTION talent.keep_replaced_results() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO talent.assessment_result_history (
        period_id, employee_id, nip, status, reason, target_level, kinerja_score, kinerja_level, potensi_score,
        potensi_level, box, recommendations, flags, explanation, inputs_fingerprint, rule_version, job_id, computed_at,
        inputs, best_box)
    SELECT period_id, employee_id, nip, status, reason, target_level, kinerja_score, kinerja_level, potensi_score,
           potensi_level, box, recommendations, flags, explanation, inputs_fingerprint, rule_version, job_id,
           computed_at, inputs, best_box
      FROM old_rows;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE VIEW talent.result_versions AS
SELECT p.year, r.period_id, r.employee_id, r.nip, r.rule_version, r.computed_at, true AS is_current,
       NULL::timestamptz AS replaced_at, r.status, r.reason, r.target_level, r.kinerja_score, r.kinerja_level,
       r.potensi_score, r.potensi_level, r.box, r.recommendations, r.flags, r.inputs_fingerprint, r.job_id,
       r.best_box
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
UNION ALL
SELECT p.year, h.period_id, h.employee_id, h.nip, h.rule_version, h.computed_at, false, h.replaced_at, h.status,
       h.reason, h.target_level, h.kinerja_score, h.kinerja_level, h.potensi_score, h.potensi_level, h.box,
       h.recommendations, h.flags, h.inputs_fingerprint, h.job_id, h.best_box
  FROM talent.assessment_result_history h
  JOIN talent.review_period p ON p.id = h.period_id;
COMMENT ON COLUMN talent.result_versions.best_box IS
    'The best box reachable with every MISSING and NO_RECORD indicator at its best (talent.assessment_result.best_box).';

CREATE VIEW talent.indicators AS
SELECT p.year, r.nip, i.employee_id, o.opd_code, i.axis, i.indicator, i.score, i.weight, i.weighted, i.state,
       i.ordinal
  FROM talent.indicator_result i
  JOIN talent.assessment_result r ON r.period_id = i.period_id AND r.employee_id = i.employee_id
  JOIN talent.review_period p ON p.id = i.period_id
  JOIN hr.employee e ON e.id = i.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code;
COMMENT ON VIEW talent.indicators IS
    'How each axis score was built, one row per indicator of every result of every review year: indicators.csv '
    '(DOMAIN.md §11) with the OPD and the indicator''s state. ORDER BY year, nip, ordinal gives indicators.csv''s '
    'order. Names an employee by NIP and internal id only.';
COMMENT ON COLUMN talent.indicators.year IS 'The review year Y.';
COMMENT ON COLUMN talent.indicators.nip IS 'The employee''s NIP (as assessed).';
COMMENT ON COLUMN talent.indicators.employee_id IS 'The employee''s internal id (hr.employee.id).';
COMMENT ON COLUMN talent.indicators.opd_code IS 'The OPD of the employee''s current position.';
COMMENT ON COLUMN talent.indicators.axis IS 'KINERJA (kinerja, performance) or POTENSI (potensi, potential).';
COMMENT ON COLUMN talent.indicators.indicator IS 'The indicator''s name in the rule set (talent.indicator_result.indicator).';
COMMENT ON COLUMN talent.indicators.score IS 'The indicator''s score 0-100, 2 decimals; NULL when the employee has no value for it.';
COMMENT ON COLUMN talent.indicators.weight IS 'The whole percent of the axis this score carries for this employee.';
COMMENT ON COLUMN talent.indicators.weighted IS 'score * weight / 100, exact (4 decimals); NULL when score is NULL.';
COMMENT ON COLUMN talent.indicators.state IS 'PRESENT, MISSING (the data are missing) or NO_RECORD (no row, zero may be true).';
COMMENT ON COLUMN talent.indicators.ordinal IS 'The row''s place in indicators.csv: KINERJA first, each axis in the rule set''s order.';

-- The worker writes the rows (sql/0009's default privileges say the same); everyone else reads the view.
GRANT SELECT, INSERT, UPDATE, DELETE ON talent.indicator_result TO talenta_worker;
GRANT SELECT ON talent.indicators TO talenta_worker, talenta_reader;
REVOKE INSERT, UPDATE, DELETE ON talent.indicators FROM talenta_worker;
