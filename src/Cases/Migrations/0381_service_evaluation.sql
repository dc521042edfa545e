-- The C.SE.1.7 evaluation ("Quanto è stato facile usare questo servizio?"): a case is evaluated once per moment, after
-- sending the application ('sent') and after the final act ('final', also the final act email's /valuta link). The
-- aspects are the follow-up answers (positive for 4–5, negative for 1–3); channel is where the answer came from.
ALTER TABLE case_satisfaction ADD COLUMN moment text NOT NULL DEFAULT 'final' CHECK (moment IN ('sent', 'final'));
ALTER TABLE case_satisfaction ADD COLUMN aspects text[] NOT NULL DEFAULT '{}';
ALTER TABLE case_satisfaction ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('online', 'email'));
ALTER TABLE case_satisfaction DROP CONSTRAINT case_satisfaction_pkey;
ALTER TABLE case_satisfaction ADD PRIMARY KEY (case_id, moment);

-- One row per answer and procedure of its case; the first procedure (by id) of each answer is marked, so the totals
-- count an answer once. Per answer now, not per case: a case answers at two moments.
CREATE OR REPLACE VIEW indicator_answer_procedures AS
SELECT s.case_id, indicator_rome_date(s.answered_at) AS day, p.procedure_id AS definition, p.agency, p.office, k.channel, s.score,
       row_number() OVER (PARTITION BY s.case_id, s.moment ORDER BY p.id) = 1 AS first, s.moment, s.aspects
FROM case_satisfaction s JOIN cases k ON k.id = s.case_id JOIN case_procedures p ON p.case_id = s.case_id;

-- The follow-up aspects counted like the scores (channel is the case's channel of receipt, as for the scores).
CREATE TABLE indicator_aspects_daily (
    day         date NOT NULL,
    definition  text NOT NULL,
    agency      text NOT NULL,
    office      text NOT NULL,
    channel     text NOT NULL,
    aspect      text NOT NULL,
    first       boolean NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (day, definition, agency, office, channel, aspect, first)
);

CREATE OR REPLACE FUNCTION indicator_count_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_satisfaction_daily AS d (day, definition, agency, office, channel, score, first, n)
    SELECT v.day, v.definition, v.agency, v.office, v.channel, v.score, v.first, count(*)
    FROM indicator_answer_procedures v WHERE (v.case_id, v.moment) IN (SELECT case_id, moment FROM added)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, definition, agency, office, channel, score, first) DO UPDATE SET n = d.n + EXCLUDED.n;
    INSERT INTO indicator_aspects_daily AS d (day, definition, agency, office, channel, aspect, first, n)
    SELECT v.day, v.definition, v.agency, v.office, v.channel, a.aspect, v.first, count(*)
    FROM indicator_answer_procedures v CROSS JOIN LATERAL unnest(v.aspects) AS a (aspect)
    WHERE (v.case_id, v.moment) IN (SELECT case_id, moment FROM added)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, definition, agency, office, channel, aspect, first) DO UPDATE SET n = d.n + EXCLUDED.n;
    RETURN NULL;
END $$;
