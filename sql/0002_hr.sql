-- 0002_hr.sql: the `hr` schema, the inputs that the city's own systems own (DOMAIN.md §11).
--
-- Rows arrive through `talenta import` (which validates them with the Talent module's §10 rules first) or straight
-- from other systems by SQL. The constraints below reject values that can never be right, whatever the review
-- date; whether a row counts for a review (its date against the reference date D, its year against Y) is decided
-- by the talent engine at review time.
-- Every constraint here is at most as strict as the import's validator (Talent.Validator): a row the validator
-- accepts must always store, or one odd value would roll a whole import back.

CREATE SCHEMA hr;
COMMENT ON SCHEMA hr IS 'Talenta inputs owned by the city''s HR systems (SIMPEG, e-Kinerja, assessment centre): units, positions, employees and their records.';

CREATE TABLE hr.unit (
    unit_code   text PRIMARY KEY CHECK (unit_code <> ''),
    name        text NOT NULL DEFAULT '',
    parent_code text REFERENCES hr.unit (unit_code) DEFERRABLE INITIALLY DEFERRED,
    CHECK (parent_code IS DISTINCT FROM unit_code)
);
COMMENT ON TABLE hr.unit IS 'Organisation units. A unit with no parent is an OPD (perangkat daerah, a city work unit).';
COMMENT ON COLUMN hr.unit.unit_code IS 'Stable unit code, e.g. KOM or KOM-SEK.';
COMMENT ON COLUMN hr.unit.parent_code IS 'Parent unit; NULL for an OPD.';

CREATE TABLE hr.position (
    position_code text PRIMARY KEY CHECK (position_code <> ''),
    unit_code     text NOT NULL REFERENCES hr.unit (unit_code),
    title         text NOT NULL DEFAULT '',
    kind          text NOT NULL CHECK (kind IN ('JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS', 'PELAKSANA', 'FUNGSIONAL')),
    jenjang       text CHECK (jenjang IN ('PEMULA', 'TERAMPIL', 'MAHIR', 'PENYELIA',
                                          'AHLI_PERTAMA', 'AHLI_MUDA', 'AHLI_MADYA', 'AHLI_UTAMA')),
    critical      boolean NOT NULL DEFAULT false,
    CHECK (kind <> 'FUNGSIONAL' OR jenjang IS NOT NULL)
);
CREATE INDEX position_unit_idx ON hr.position (unit_code);
COMMENT ON TABLE hr.position IS 'Positions (jabatan). Structural kinds (JPT_PRATAMA, ADMINISTRATOR, PENGAWAS) may become target positions (jabatan target).';
COMMENT ON COLUMN hr.position.kind IS 'JPT_PRATAMA, ADMINISTRATOR, PENGAWAS, PELAKSANA or FUNGSIONAL.';
COMMENT ON COLUMN hr.position.jenjang IS 'Level of a FUNGSIONAL position (PEMULA .. AHLI_UTAMA); required for FUNGSIONAL.';
COMMENT ON COLUMN hr.position.critical IS 'Jabatan kritikal: always a target position (KPK Regulation 2/2024).';

CREATE TABLE hr.employee (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nip            text NOT NULL UNIQUE CHECK (nip ~ '^[0-9]{18}$'),
    name           text NOT NULL CHECK (name <> ''),
    sex            text NOT NULL CHECK (sex IN ('L', 'P')),
    birth_date     date NOT NULL,
    status         text NOT NULL CHECK (status IN ('PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU')),
    state          text NOT NULL CHECK (state IN ('AKTIF', 'DIBERHENTIKAN_SEMENTARA', 'CLTN', 'PENSIUN', 'BERHENTI')),
    golongan       text NOT NULL,
    golongan_since date,
    cpns_date      date,
    position_code  text NOT NULL REFERENCES hr.position (position_code),
    position_since date NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (CASE WHEN status IN ('PNS', 'CPNS')
                THEN golongan ~ '^(I/[a-d]|II/[a-d]|III/[a-d]|IV/[a-e])$'
                ELSE golongan ~ '^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$' END),
    CHECK (status NOT IN ('PNS', 'CPNS') OR cpns_date IS NOT NULL)
);
CREATE INDEX employee_position_idx ON hr.employee (position_code);
COMMENT ON TABLE hr.employee IS 'Civil servants (ASN: PNS, CPNS, PPPK, PPPK_PARUH_WAKTU). Personal columns: name, sex, birth_date.';
COMMENT ON COLUMN hr.employee.id IS 'Internal id; logs and jobs name an employee by this id or the NIP, never by name.';
COMMENT ON COLUMN hr.employee.nip IS 'NIP (PNS, CPNS) or NI PPPK: 18 digits, birth date first (Perka BKN 22/2007).';
COMMENT ON COLUMN hr.employee.status IS 'PNS, CPNS, PPPK or PPPK_PARUH_WAKTU.';
COMMENT ON COLUMN hr.employee.state IS 'AKTIF, DIBERHENTIKAN_SEMENTARA, CLTN, PENSIUN or BERHENTI; PENSIUN and BERHENTI are not assessed.';
COMMENT ON COLUMN hr.employee.golongan IS 'I/a .. IV/e for PNS and CPNS; grade I .. XVII for PPPK.';
COMMENT ON COLUMN hr.employee.position_since IS 'Date the employee reached the current level.';

CREATE TABLE hr.education (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id  bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    level        text NOT NULL CHECK (level IN ('SD', 'SMP', 'SMA', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3')),
    institution  text,
    major        text,
    graduated_on date
);
CREATE INDEX education_employee_idx ON hr.education (employee_id);
COMMENT ON TABLE hr.education IS 'Formal education; the highest level counts in the track record (rekam jejak).';

CREATE TABLE hr.training (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind <> ''),
    title       text,
    ended_on    date NOT NULL,
    hours       numeric NOT NULL CHECK (hours >= 0 AND scale(hours) <= 2)
);
CREATE INDEX training_employee_idx ON hr.training (employee_id);
COMMENT ON TABLE hr.training IS 'Training (pelatihan). Leadership kinds: PKP/DIKLATPIM_IV, PKA/DIKLATPIM_III, PKN_II/DIKLATPIM_II, PKN_I/DIKLATPIM_I.';
COMMENT ON COLUMN hr.training.hours IS 'Jam pelajaran (JP).';

CREATE TABLE hr.performance (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    year        integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    predicate   text CHECK (predicate IN ('SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG')),
    score       numeric(5, 2) CHECK (score BETWEEN 0 AND 100),
    CHECK (predicate IS NOT NULL OR score IS NOT NULL)
);
CREATE INDEX performance_employee_idx ON hr.performance (employee_id);
COMMENT ON TABLE hr.performance IS 'Annual SKP: a predicate (PermenPANRB 6/2022) or, for a legacy year, a 0-100 score (PP 46/2011). The predicate wins.';

CREATE TABLE hr.assessment (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id            bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    assessed_on            date NOT NULL,
    method                 text CHECK (method IN ('ASSESSMENT_CENTER', 'CACT', 'UJI_KOMPETENSI')),
    jpm_percent            numeric(5, 2) CHECK (jpm_percent BETWEEN 0 AND 100),
    integritas             smallint CHECK (integritas BETWEEN 1 AND 5),
    kerja_sama             smallint CHECK (kerja_sama BETWEEN 1 AND 5),
    komunikasi             smallint CHECK (komunikasi BETWEEN 1 AND 5),
    orientasi_hasil        smallint CHECK (orientasi_hasil BETWEEN 1 AND 5),
    pelayanan_publik       smallint CHECK (pelayanan_publik BETWEEN 1 AND 5),
    pengembangan_diri      smallint CHECK (pengembangan_diri BETWEEN 1 AND 5),
    mengelola_perubahan    smallint CHECK (mengelola_perubahan BETWEEN 1 AND 5),
    pengambilan_keputusan  smallint CHECK (pengambilan_keputusan BETWEEN 1 AND 5),
    perekat_bangsa         smallint CHECK (perekat_bangsa BETWEEN 1 AND 5),
    CHECK (num_nulls(integritas, kerja_sama, komunikasi, orientasi_hasil, pelayanan_publik, pengembangan_diri,
                     mengelola_perubahan, pengambilan_keputusan, perekat_bangsa) IN (0, 9)),
    CHECK (jpm_percent IS NOT NULL OR integritas IS NOT NULL)
);
CREATE INDEX assessment_employee_idx ON hr.assessment (employee_id);
COMMENT ON TABLE hr.assessment IS 'Competency assessments: all 9 levels (1-5, PermenPANRB 38/2017) or a Job Person Match percentage; levels win.';

CREATE TABLE hr.award (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    level       text NOT NULL CHECK (level IN ('NASIONAL', 'PROVINSI', 'KOTA')),
    name        text,
    awarded_on  date NOT NULL
);
CREATE INDEX award_employee_idx ON hr.award (employee_id);
COMMENT ON TABLE hr.award IS 'Awards (penghargaan) by level.';

CREATE TABLE hr.penalty (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    level       text NOT NULL CHECK (level IN ('RINGAN', 'SEDANG', 'BERAT')),
    decided_on  date NOT NULL,
    ends_on     date,
    CHECK (ends_on IS NULL OR ends_on >= decided_on)
);
CREATE INDEX penalty_employee_idx ON hr.penalty (employee_id);
COMMENT ON TABLE hr.penalty IS 'Disciplinary penalties (PP 94/2021). Without ends_on a penalty ends decided_on + 0 months (RINGAN) or + 12 months (SEDANG, BERAT).';

CREATE TABLE hr.other_score (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    year        integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    score       numeric(5, 2) NOT NULL CHECK (score BETWEEN 0 AND 100)
);
CREATE INDEX other_score_employee_idx ON hr.other_score (employee_id);
COMMENT ON TABLE hr.other_score IS 'Other considerations (pertimbangan lainnya): a committee score 0-100 for a review year.';

CREATE TABLE hr.invalid_row (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    employee_id bigint NOT NULL REFERENCES hr.employee (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('education', 'training', 'performance', 'assessment', 'award',
                                               'penalty', 'other_score')),
    file        text NOT NULL,
    line        integer NOT NULL,
    reason      text NOT NULL
);
CREATE INDEX invalid_row_employee_idx ON hr.invalid_row (employee_id);
COMMENT ON TABLE hr.invalid_row IS 'Input rows of a known employee that broke a §10 rule at import (a value outside its range or vocabulary): left out of the computation and flagged on the employee''s result (INVALID_<KIND>).';

CREATE TABLE hr.import_run (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text NOT NULL,
    reference_date date NOT NULL,
    imported_at    timestamptz NOT NULL DEFAULT now(),
    counts         jsonb NOT NULL DEFAULT '{}'::jsonb,
    unknown_files  text[] NOT NULL DEFAULT '{}'
);
COMMENT ON TABLE hr.import_run IS 'One row per applied `talenta import`: source folder, reference date used for date checks, rows per file.';
COMMENT ON COLUMN hr.import_run.counts IS 'Rows read, accepted and rejected per file, e.g. {"employees.csv": {"read": 74, "accepted": 67, "rejected": 7}}.';
COMMENT ON COLUMN hr.import_run.unknown_files IS 'Files of the folder that are not DOMAIN.md §11 input files: reported and skipped.';

CREATE TABLE hr.import_reject (
    import_id bigint NOT NULL REFERENCES hr.import_run (id) ON DELETE CASCADE,
    file      text NOT NULL,
    line      integer NOT NULL,
    nip       text,
    reason    text NOT NULL,
    PRIMARY KEY (import_id, file, line)
);
COMMENT ON TABLE hr.import_reject IS 'Rows an import rejected (DOMAIN.md §10 vocabulary: INVALID_NIP, UNKNOWN_POSITION, UNKNOWN_NIP, ...).';
