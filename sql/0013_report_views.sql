-- 0013_report_views.sql: what `talenta report` reads, readable by talenta_reader (dashboards and reports), so the
-- report runs without access to hr or to the talent tables.
--
--   talent.review_periods     every review period (year, reference date, rule set), one row per year.
--   talent.box_distribution   gains opd_name (the OPD's hr.unit.name) as its last column; its other columns, rows
--                             and grants stay as they were.

CREATE VIEW talent.review_periods AS
SELECT id AS period_id, year, reference_date, rule_set_name || '@' || rule_set_version AS rule_set, created_at
  FROM talent.review_period;
COMMENT ON VIEW talent.review_periods IS
    'Every review period: one row per year Y with its reference date D (tanggal acuan) and the rule set it applies '
    '(name@version). The latest one is talent.open_period.';
COMMENT ON COLUMN talent.review_periods.period_id IS 'talent.review_period.id, as in the payloads of assessment and succession_planning.';
COMMENT ON COLUMN talent.review_periods.reference_date IS 'D: every window and age is computed at this date; always in year Y.';
COMMENT ON COLUMN talent.review_periods.rule_set IS 'The rule set the period applies, name@version (talent.rule_set).';

CREATE OR REPLACE VIEW talent.box_distribution AS
SELECT p.year, o.opd_code, r.box, count(*) AS employees, u.name AS opd_name
  FROM talent.assessment_result r
  JOIN talent.review_period p ON p.id = r.period_id
  JOIN hr.employee e ON e.id = r.employee_id
  JOIN hr.position pos ON pos.position_code = e.position_code
  JOIN talent.opd o ON o.unit_code = pos.unit_code
  JOIN hr.unit u ON u.unit_code = o.opd_code
 GROUP BY p.year, o.opd_code, u.name, r.box;
COMMENT ON VIEW talent.box_distribution IS
    'Number of employees per box (NULL box = not placed) per OPD and review year, with the OPD''s name.';
COMMENT ON COLUMN talent.box_distribution.opd_name IS 'The OPD''s name (hr.unit.name of opd_code; may be empty).';

GRANT SELECT ON talent.review_periods TO talenta_worker, talenta_reader;
-- The default privileges of schema talent give the worker writes on every new relation; a view takes none.
REVOKE INSERT, UPDATE, DELETE ON talent.review_periods FROM talenta_worker;
