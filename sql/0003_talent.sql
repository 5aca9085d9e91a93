-- 0003_talent.sql: the `talent` schema, Talenta's outputs (DOMAIN.md §1-9), and the views other systems read.
--
-- Results are written only by the worker's jobs, each batch in the same transaction as its job's completion.
-- Other systems read the views at the end of this file; the tables behind them may change shape, the views not.

CREATE SCHEMA talent;
COMMENT ON SCHEMA talent IS 'Talenta results: review periods, nine-box placements, talent pool (KRS) and succession plans.';

CREATE TABLE talent.rule_set (
    name       text NOT NULL,
    version    integer NOT NULL CHECK (version >= 1),
    parameters jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, version)
);
COMMENT ON TABLE talent.rule_set IS 'Versioned rule sets: every [practice] and [default] number of the rules, as JSON. A changed parameter is a new version.';
COMMENT ON COLUMN talent.rule_set.parameters IS 'The Talent module''s RuleSet encoded as JSON.';

CREATE TABLE talent.review_period (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year             integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2999),
    reference_date   date NOT NULL,
    rule_set_name    text NOT NULL,
    rule_set_version integer NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (rule_set_name, rule_set_version) REFERENCES talent.rule_set (name, version),
    CHECK (extract(year FROM reference_date) = year)
);
COMMENT ON TABLE talent.review_period IS 'One talent review per year Y with its reference date D (tanggal acuan) and the rule set it applies.';
COMMENT ON COLUMN talent.review_period.reference_date IS 'D: every window and age is computed at this date; always in year Y.';

CREATE TABLE talent.review_run (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id       bigint NOT NULL REFERENCES talent.review_period (id),
    kind            text NOT NULL CHECK (kind IN ('annual_review', 'recalculation')),
    started_by_job  bigint,
    batches_total   integer NOT NULL CHECK (batches_total >= 0),
    batches_done    integer NOT NULL DEFAULT 0 CHECK (batches_done >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    CHECK (batches_done <= batches_total)
);
COMMENT ON TABLE talent.review_run IS 'One fan-out of assessment batches (an annual review or a recalculation). The batch that completes the count enqueues succession planning in its own transaction.';
COMMENT ON COLUMN talent.review_run.batches_total IS 'Assessment batches fanned out (at most 500 employees each, one OPD each).';
COMMENT ON COLUMN talent.review_run.batches_done IS 'Batches whose results have committed; equal to batches_total when the run is finished.';

CREATE TABLE talent.review_batch (
    run_id       bigint NOT NULL REFERENCES talent.review_run (id) ON DELETE CASCADE,
    batch        integer NOT NULL CHECK (batch >= 1),
    employees    integer NOT NULL CHECK (employees >= 0),
    job_id       bigint,
    completed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, batch)
);
COMMENT ON TABLE talent.review_batch IS 'Each completed batch of a review run, once: a batch that runs again does not count twice.';

CREATE TABLE talent.assessment_result (
    period_id          bigint NOT NULL REFERENCES talent.review_period (id),
    employee_id        bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    nip                text NOT NULL,
    status             text NOT NULL CHECK (status IN ('TERPETAKAN', 'BELUM_TERPETAKAN')),
    reason             text,
    target_level       text NOT NULL CHECK (target_level IN ('PENGAWAS', 'ADMINISTRATOR', 'JPT_PRATAMA')),
    kinerja_score      numeric(5, 2) CHECK (kinerja_score BETWEEN 0 AND 100),
    kinerja_level      text CHECK (kinerja_level IN ('BAWAH', 'SESUAI', 'ATAS')),
    potensi_score      numeric(5, 2) NOT NULL CHECK (potensi_score BETWEEN 0 AND 100),
    potensi_level      text NOT NULL CHECK (potensi_level IN ('RENDAH', 'MENENGAH', 'TINGGI')),
    box                smallint CHECK (box BETWEEN 1 AND 9),
    recommendations    text[] NOT NULL DEFAULT '{}',
    flags              text[] NOT NULL DEFAULT '{}',
    explanation        jsonb NOT NULL,
    inputs_fingerprint text NOT NULL,
    rule_version       text NOT NULL,
    job_id             bigint,
    computed_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, employee_id),
    CHECK ((status = 'TERPETAKAN') = (box IS NOT NULL)),
    CHECK ((box IS NULL) = (kinerja_level IS NULL))
);
CREATE INDEX assessment_result_box_idx ON talent.assessment_result (period_id, box);
COMMENT ON TABLE talent.assessment_result IS 'One nine-box placement per assessed employee and review period.';
COMMENT ON COLUMN talent.assessment_result.status IS 'TERPETAKAN (placed) or BELUM_TERPETAKAN (not placed, see reason).';
COMMENT ON COLUMN talent.assessment_result.reason IS 'Why not placed: NO_KINERJA (no valid SKP year in Y-4..Y-1).';
COMMENT ON COLUMN talent.assessment_result.target_level IS 'The level the employee is assessed against (the next step up).';
COMMENT ON COLUMN talent.assessment_result.kinerja_score IS 'Kinerja (performance) score, 0-100, 2 decimals.';
COMMENT ON COLUMN talent.assessment_result.kinerja_level IS 'BAWAH, SESUAI or ATAS (below, meets, above expectation).';
COMMENT ON COLUMN talent.assessment_result.potensi_score IS 'Potensi (potential) score, 0-100, 2 decimals.';
COMMENT ON COLUMN talent.assessment_result.potensi_level IS 'RENDAH, MENENGAH or TINGGI (low, middle, high).';
COMMENT ON COLUMN talent.assessment_result.box IS 'Kotak (box) 1-9 of the PermenPANRB 3/2020 grid; NULL when not placed.';
COMMENT ON COLUMN talent.assessment_result.recommendations IS 'Recommended follow-up codes of the box, in the regulation''s order.';
COMMENT ON COLUMN talent.assessment_result.flags IS 'Data-quality flags, alphabetical (e.g. KINERJA_PARTIAL, TANPA_ASESMEN, INVALID_PERFORMANCE).';
COMMENT ON COLUMN talent.assessment_result.explanation IS 'The inputs that counted and each step of the computation, so the placement can be explained from stored data alone.';
COMMENT ON COLUMN talent.assessment_result.inputs_fingerprint IS 'SHA-256 (hex) of the canonical inputs that counted and the rule version.';
COMMENT ON COLUMN talent.assessment_result.rule_version IS 'Rule set as name@version, e.g. permenpanrb-3-2020/default@1.';
COMMENT ON COLUMN talent.assessment_result.job_id IS 'The queue job that wrote the row.';

CREATE TABLE talent.pool_evaluation (
    period_id    bigint NOT NULL,
    employee_id  bigint NOT NULL,
    target_level text NOT NULL,
    is_member    boolean NOT NULL,
    krs_nasional boolean NOT NULL,
    blockers     text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (period_id, employee_id),
    FOREIGN KEY (period_id, employee_id) REFERENCES talent.assessment_result (period_id, employee_id) ON DELETE CASCADE,
    CHECK (is_member = (cardinality(blockers) = 0)),
    CHECK (NOT krs_nasional OR is_member)
);
COMMENT ON TABLE talent.pool_evaluation IS 'Talent pool (kelompok rencana suksesi, KRS instansi) eligibility of every assessed employee, with every failing blocker.';
COMMENT ON COLUMN talent.pool_evaluation.blockers IS 'Failing codes in order: BOX, STATUS, STATE, DISIPLIN, BUP.';
COMMENT ON COLUMN talent.pool_evaluation.krs_nasional IS 'A box-9 pool member is also a candidate for the national pool.';

CREATE TABLE talent.succession_plan (
    period_id     bigint NOT NULL REFERENCES talent.review_period (id),
    position_code text NOT NULL REFERENCES hr.position (position_code) ON DELETE CASCADE,
    target_reasons text[] NOT NULL,
    flags         text[] NOT NULL DEFAULT '{}',
    explanation   jsonb NOT NULL,
    job_id        bigint,
    computed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (period_id, position_code)
);
COMMENT ON TABLE talent.succession_plan IS 'One plan per target position (jabatan target) and period.';
COMMENT ON COLUMN talent.succession_plan.target_reasons IS 'Why the position is a target: VACANT, HOLDER_RETIRING (a holder reaches BUP by D + 2 years), CRITICAL.';
COMMENT ON COLUMN talent.succession_plan.explanation IS 'The whole plan as computed (target, candidates with gap details, own-OPD preference), for explanation.';
COMMENT ON COLUMN talent.succession_plan.flags IS 'NO_SUCCESSOR (no candidate) and/or NO_READY_NOW (no kept candidate ready now).';

CREATE TABLE talent.succession_candidate (
    period_id     bigint NOT NULL,
    position_code text NOT NULL,
    rank          smallint NOT NULL CHECK (rank >= 1),
    employee_id   bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    nip           text NOT NULL,
    nilai_talenta numeric(5, 2) NOT NULL,
    readiness     text NOT NULL CHECK (readiness IN ('SIAP_SEKARANG', 'SIAP_1_2_TAHUN', 'SIAP_3_TAHUN_LEBIH')),
    gaps          text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (period_id, position_code, rank),
    UNIQUE (period_id, position_code, employee_id),
    FOREIGN KEY (period_id, position_code) REFERENCES talent.succession_plan (period_id, position_code) ON DELETE CASCADE
);
COMMENT ON TABLE talent.succession_candidate IS 'Ranked candidates of a succession plan; rank 1 is the designated successor. A recommendation to the Komite Talenta.';
COMMENT ON COLUMN talent.succession_candidate.nilai_talenta IS '0.5 x kinerja_score + 0.5 x potensi_score, 2 decimals.';
COMMENT ON COLUMN talent.succession_candidate.readiness IS 'SIAP_SEKARANG, SIAP_1_2_TAHUN or SIAP_3_TAHUN_LEBIH (from the gaps other than PELATIHAN).';
COMMENT ON COLUMN talent.succession_candidate.gaps IS 'EDUCATION, GOLONGAN, MASA_JABATAN, PELATIHAN, USIA, in that order.';

-- ---------------------------------------------------------------- views other systems read
CREATE VIEW talent.opd AS
WITH RECURSIVE chain (unit_code, opd_code) AS (
    SELECT unit_code, unit_code FROM hr.unit WHERE parent_code IS NULL
    UNION ALL
    SELECT u.unit_code, c.opd_code FROM hr.unit u JOIN chain c ON u.parent_code = c.unit_code
)
SELECT unit_code, opd_code FROM chain;
COMMENT ON VIEW talent.opd IS 'Each unit with its OPD (the top ancestor).';

CREATE VIEW talent.current_placement AS
SELECT DISTINCT ON (r.employee_id)
       r.employee_id, r.nip, p.year, p.reference_date, o.opd_code, e.position_code,
       r.status, r.reason, r.target_level, r.kinerja_score, r.kinerja_level, r.potensi_score, r.potensi_level,
       r.box, r.recommendations, pe.is_member AS pool_member, pe.krs_nasional, pe.blockers AS pool_blockers,
       r.flags, r.rule_version, r.inputs_fingerprint, r.computed_at
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
  LEFT JOIN talent.pool_evaluation pe ON pe.period_id = r.period_id AND pe.employee_id = r.employee_id
 ORDER BY r.employee_id, p.year DESC;
COMMENT ON VIEW talent.current_placement IS 'The latest review''s placement of every assessed employee: levels, scores, box, recommendations, pool status. No personal names.';

CREATE VIEW talent.pool AS
SELECT p.year, r.nip, r.employee_id, pe.target_level, pe.krs_nasional, r.box, r.kinerja_score, r.potensi_score,
       round(0.5 * r.kinerja_score + 0.5 * r.potensi_score, 2) AS nilai_talenta
  FROM talent.pool_evaluation pe
  JOIN talent.assessment_result r USING (period_id, employee_id)
  JOIN talent.review_period p ON p.id = pe.period_id
 WHERE pe.is_member;
COMMENT ON VIEW talent.pool IS 'Talent pool members (KRS instansi) per review year and target level.';

CREATE VIEW talent.succession AS
SELECT p.year, sp.position_code, pos.title, pos.kind, sp.target_reasons, sp.flags,
       c.rank, c.nip, c.employee_id, c.nilai_talenta, c.readiness, c.gaps
  FROM talent.succession_plan sp
  JOIN talent.review_period p ON p.id = sp.period_id
  JOIN hr.position pos ON pos.position_code = sp.position_code
  LEFT JOIN talent.succession_candidate c ON c.period_id = sp.period_id AND c.position_code = sp.position_code;
COMMENT ON VIEW talent.succession IS 'Succession plan per target position and review year, one row per kept candidate (rank 1 = designated successor); a plan without candidates has one row with NULL rank.';

CREATE VIEW talent.box_distribution AS
SELECT p.year, o.opd_code, r.box, count(*) AS employees
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
 GROUP BY p.year, o.opd_code, r.box;
COMMENT ON VIEW talent.box_distribution IS 'Number of employees per box (NULL box = not placed) per OPD and review year.';
