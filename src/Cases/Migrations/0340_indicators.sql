-- Indicators (README "Indicators"): facts and rollups kept exact by triggers, so every path that receives or concludes a
-- procedure (final act, end of flow, cancellation, silence-assent, whatever comes later) writes them in its own
-- transaction, and a rollback takes them back.

-- The due date of the procedure's own term, kept when it passes to the substitute authority (which moves due_at to its
-- half term): "within the legal term" is measured against the agency's own term.
ALTER TABLE case_procedures ADD COLUMN own_due_at timestamptz;

CREATE OR REPLACE FUNCTION indicator_keep_own_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.substitute_since IS NULL AND NEW.substitute_since IS NOT NULL AND NEW.own_due_at IS NULL THEN
        NEW.own_due_at := OLD.due_at;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER case_procedures_own_due BEFORE UPDATE OF substitute_since ON case_procedures
    FOR EACH ROW EXECUTE FUNCTION indicator_keep_own_due();

UPDATE case_procedures p SET own_due_at = (a.before->>'dueAt')::timestamptz
FROM audit_trail a
WHERE p.substitute_since IS NOT NULL AND a.entity = 'procedure' AND a.entity_id = p.id::text AND a.action = 'substitute';

-- Days the clock stood still between receipt and conclusion (Rome dates), from the clock events as CaseClock stores them:
-- a suspension until the documents arrived, 30 days at most (art. 2 c.7, Terms.Suspension.MaxDays); an interruption
-- while the documents were awaited; a notice of refusal until 10 days after timely observations, else until the 10 days
-- for observations lapsed (art. 10-bis, Terms.RefusalNotice.ResumesOn). A stop still open at conclusion ends there.
-- IndicatorExactnessTests pins these rules to the calculator's.
CREATE OR REPLACE FUNCTION indicator_stopped_days(events jsonb, received date, concluded date) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(sum(greatest(0, least(resume, concluded) - greatest(start, received))), 0)::integer
    FROM (
        SELECT (e->>'from')::date AS start,
               CASE e->>'kind'
                   WHEN 'refusal-notice' THEN
                       CASE WHEN e->>'to' IS NOT NULL AND (e->>'to')::date <= (e->>'from')::date + 10 THEN (e->>'to')::date + 10
                            ELSE (e->>'from')::date + 10 END
                   WHEN 'interruption' THEN coalesce((e->>'to')::date, concluded)
                   ELSE least(coalesce((e->>'to')::date, concluded), (e->>'from')::date + 30)
               END AS resume
        FROM jsonb_array_elements(events) e
    ) stops
$$;

CREATE OR REPLACE FUNCTION indicator_rome_date(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
    SELECT (at AT TIME ZONE 'Europe/Rome')::date
$$;

-- One row per concluded procedure: only what an indicator needs, no personal data.
CREATE TABLE indicator_concluded (
    procedure_id  uuid PRIMARY KEY REFERENCES case_procedures (id),
    definition    text NOT NULL,       -- the procedure (case_procedures.procedure_id)
    agency        text NOT NULL,
    office        text NOT NULL,       -- the office that concluded it (the substitute's, when it took over)
    channel       text NOT NULL,
    received_on   date NOT NULL,
    concluded_on  date NOT NULL,
    due_on        date NOT NULL,       -- the due date the clock computed for the procedure's own term
    kind          text NOT NULL CHECK (kind IN ('act', 'flow', 'silence-assent', 'cancelled')),
    outcome       text,
    substitute    boolean NOT NULL,
    gross_days    integer NOT NULL,
    stopped_days  integer NOT NULL,
    net_days      integer NOT NULL,
    delay_days    integer NOT NULL,    -- concluded_on - due_on: 0 or less is within the term
    charge_days   integer              -- receipt to the first office step claimed or completed
);
CREATE INDEX indicator_concluded_on ON indicator_concluded (concluded_on);

-- Each concluded procedure as (measure, days) pairs: every time indicator is a count, sum or percentile of one measure.
-- net/gross/delay/charge: concluded by an act or the end of the flow; substitute: those concluded by the substitute
-- authority (days = delay); silence-assent and cancelled are counted apart (days = gross).
CREATE VIEW indicator_measures AS
SELECT f.procedure_id, f.concluded_on, f.definition, f.agency, f.office, f.channel, m.measure, m.days
FROM indicator_concluded f
CROSS JOIN LATERAL (VALUES
    ('net',  CASE WHEN f.kind IN ('act', 'flow') THEN f.net_days END),
    ('gross', CASE WHEN f.kind IN ('act', 'flow') THEN f.gross_days END),
    ('delay', CASE WHEN f.kind IN ('act', 'flow') THEN f.delay_days END),
    ('charge', CASE WHEN f.kind IN ('act', 'flow') THEN f.charge_days END),
    ('substitute', CASE WHEN f.kind IN ('act', 'flow') AND f.substitute THEN f.delay_days END),
    ('silence-assent', CASE WHEN f.kind = 'silence-assent' THEN f.gross_days END),
    ('cancelled', CASE WHEN f.kind = 'cancelled' THEN f.gross_days END)
) AS m (measure, days)
WHERE m.days IS NOT NULL;

-- The same pairs counted per calendar month: a year is read from 12 months of histograms, the days of a period that do
-- not fill a month from indicator_concluded itself, so any from/to stays exact.
CREATE TABLE indicator_concluded_monthly (
    month       date NOT NULL,
    definition  text NOT NULL,
    agency      text NOT NULL,
    office      text NOT NULL,
    channel     text NOT NULL,
    measure     text NOT NULL,
    days        integer NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (month, definition, agency, office, channel, measure, days)
);

-- Statement-level, over the rows the statement added: one upsert per key whether one procedure closed or the backfill
-- wrote a million, in key order so concurrent closings lock the same rows in the same order.
CREATE OR REPLACE FUNCTION indicator_count_concluded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_concluded_monthly AS m (month, definition, agency, office, channel, measure, days, n)
    SELECT date_trunc('month', v.concluded_on)::date, v.definition, v.agency, v.office, v.channel, v.measure, v.days, count(*)
    FROM indicator_measures v JOIN added a ON a.procedure_id = v.procedure_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (month, definition, agency, office, channel, measure, days) DO UPDATE SET n = m.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER indicator_concluded_counts AFTER INSERT ON indicator_concluded
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION indicator_count_concluded();

-- The facts of every closed procedure, computed from the case tables: the closing trigger inserts one row of it, the
-- backfill all of them, so both write the same facts.
CREATE VIEW indicator_concluded_source AS
SELECT p.id AS procedure_id, p.procedure_id AS definition, p.agency, p.office, k.channel, d.received_on, d.concluded_on, d.due_on,
       CASE WHEN p.outcome = 'silence-assent' THEN 'silence-assent' WHEN p.status = 'cancelled' THEN 'cancelled'
            WHEN p.outcome IN ('granted', 'denied') THEN 'act' ELSE 'flow' END AS kind,
       p.outcome, p.substitute_since IS NOT NULL AS substitute,
       d.concluded_on - d.received_on AS gross_days, s.stopped AS stopped_days, d.concluded_on - d.received_on - s.stopped AS net_days,
       d.concluded_on - d.due_on AS delay_days, indicator_rome_date(charge.at) - d.received_on AS charge_days
FROM case_procedures p
JOIN cases k ON k.id = p.case_id
CROSS JOIN LATERAL (SELECT indicator_rome_date(k.received_at) AS received_on, indicator_rome_date(p.closed_at) AS concluded_on,
                           indicator_rome_date(coalesce(p.own_due_at, p.due_at)) AS due_on) d
CROSS JOIN LATERAL (SELECT indicator_stopped_days(p.clock_events, d.received_on, d.concluded_on) AS stopped) s
-- Taken in charge: the first office step of the procedure claimed (audit trail) or completed.
CROSS JOIN LATERAL (SELECT least(
    (SELECT min(a.at) FROM case_tasks t JOIN audit_trail a ON a.entity = 'task' AND a.entity_id = t.id::text AND a.action = 'claimed'
     WHERE t.case_id = p.case_id AND t.procedure_id = p.id),
    (SELECT min(t.closed_at) FROM case_tasks t WHERE t.case_id = p.case_id AND t.procedure_id = p.id AND t.status = 'completed')) AS at) charge
WHERE p.closed_at IS NOT NULL;

-- Writes the facts of one procedure that has just closed, in the closing transaction.
CREATE OR REPLACE FUNCTION indicator_record_concluded(procedure uuid) RETURNS void LANGUAGE sql AS $$
    INSERT INTO indicator_concluded SELECT * FROM indicator_concluded_source WHERE procedure_id = procedure
    ON CONFLICT (procedure_id) DO NOTHING
$$;

CREATE OR REPLACE FUNCTION indicator_on_close() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM indicator_record_concluded(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER case_procedures_concluded AFTER UPDATE OF closed_at ON case_procedures
    FOR EACH ROW WHEN (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL) EXECUTE FUNCTION indicator_on_close();

-- Procedures received per Rome day, procedure, agency, office and channel (desk share, channel mix, peak load).
CREATE TABLE indicator_intake_daily (
    day         date NOT NULL,
    definition  text NOT NULL,
    agency      text NOT NULL,
    office      text NOT NULL,
    channel     text NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (day, definition, agency, office, channel)
);

CREATE OR REPLACE FUNCTION indicator_count_intake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_intake_daily AS d (day, definition, agency, office, channel, n)
    SELECT indicator_rome_date(k.received_at), a.procedure_id, a.agency, a.office, k.channel, count(*) FROM added a JOIN cases k ON k.id = a.case_id
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (day, definition, agency, office, channel) DO UPDATE SET n = d.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER case_procedures_received AFTER INSERT ON case_procedures
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION indicator_count_intake();

-- The backlog counts the open procedures by an index-only scan: receipt and channel copied from the case at insert
-- (they never change), so it does not read the cases.
ALTER TABLE case_procedures ADD COLUMN received_at timestamptz;
ALTER TABLE case_procedures ADD COLUMN channel text;
CREATE OR REPLACE FUNCTION indicator_copy_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT k.received_at, k.channel INTO NEW.received_at, NEW.channel FROM cases k WHERE k.id = NEW.case_id;
    RETURN NEW;
END $$;
CREATE TRIGGER case_procedures_receipt BEFORE INSERT ON case_procedures FOR EACH ROW EXECUTE FUNCTION indicator_copy_receipt();
UPDATE case_procedures p SET received_at = k.received_at, channel = k.channel FROM cases k WHERE k.id = p.case_id;
CREATE INDEX case_procedures_open_office ON case_procedures (office, due_at) INCLUDE (procedure_id, agency, received_at, channel) WHERE closed_at IS NULL;

-- Satisfaction answers per day, procedure, agency, office, channel and score. A case answers once; each of its
-- procedures gets a row, and the first (by id) is marked so the totals count the answer once.
CREATE VIEW indicator_answer_procedures AS
SELECT s.case_id, indicator_rome_date(s.answered_at) AS day, p.procedure_id AS definition, p.agency, p.office, k.channel, s.score,
       row_number() OVER (PARTITION BY s.case_id ORDER BY p.id) = 1 AS first
FROM case_satisfaction s JOIN cases k ON k.id = s.case_id JOIN case_procedures p ON p.case_id = s.case_id;

CREATE TABLE indicator_satisfaction_daily (
    day         date NOT NULL,
    definition  text NOT NULL,
    agency      text NOT NULL,
    office      text NOT NULL,
    channel     text NOT NULL,
    score       smallint NOT NULL,
    first       boolean NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (day, definition, agency, office, channel, score, first)
);

CREATE OR REPLACE FUNCTION indicator_count_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_satisfaction_daily AS d (day, definition, agency, office, channel, score, first, n)
    SELECT v.day, v.definition, v.agency, v.office, v.channel, v.score, v.first, count(*)
    FROM indicator_answer_procedures v WHERE v.case_id IN (SELECT case_id FROM added)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, definition, agency, office, channel, score, first) DO UPDATE SET n = d.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER case_satisfaction_counted AFTER INSERT ON case_satisfaction
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION indicator_count_answers();

INSERT INTO indicator_satisfaction_daily (day, definition, agency, office, channel, score, first, n)
SELECT day, definition, agency, office, channel, score, first, count(*) FROM indicator_answer_procedures GROUP BY 1, 2, 3, 4, 5, 6, 7;

-- Backfill: what was received and concluded before this migration.
INSERT INTO indicator_intake_daily (day, definition, agency, office, channel, n)
SELECT indicator_rome_date(k.received_at), p.procedure_id, p.agency, p.office, k.channel, count(*)
FROM case_procedures p JOIN cases k ON k.id = p.case_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO indicator_concluded SELECT * FROM indicator_concluded_source;
