-- The concluded procedures' (measure, days) pairs counted per Rome day as well as per month: a period that starts or
-- ends inside a month reads its edge days from this rollup instead of the facts (a month's facts are tens of thousands
-- of wide rows scattered over the table; its daily histograms a few thousand narrow rows in key order), and stays exact.
CREATE TABLE indicator_concluded_daily (
    day         date NOT NULL,
    definition  text NOT NULL,
    agency      text NOT NULL,
    office      text NOT NULL,
    channel     text NOT NULL,
    measure     text NOT NULL,
    days        integer NOT NULL,
    n           bigint NOT NULL,
    PRIMARY KEY (day, definition, agency, office, channel, measure, days)
);

-- Both rollups from the statement's new facts, in key order (concurrent closings lock the same rows in the same order).
CREATE OR REPLACE FUNCTION indicator_count_concluded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO indicator_concluded_monthly AS m (month, definition, agency, office, channel, measure, days, n)
    SELECT date_trunc('month', v.concluded_on)::date, v.definition, v.agency, v.office, v.channel, v.measure, v.days, count(*)
    FROM indicator_measures v JOIN added a ON a.procedure_id = v.procedure_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (month, definition, agency, office, channel, measure, days) DO UPDATE SET n = m.n + EXCLUDED.n;
    INSERT INTO indicator_concluded_daily AS d (day, definition, agency, office, channel, measure, days, n)
    SELECT v.concluded_on, v.definition, v.agency, v.office, v.channel, v.measure, v.days, count(*)
    FROM indicator_measures v JOIN added a ON a.procedure_id = v.procedure_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, definition, agency, office, channel, measure, days) DO UPDATE SET n = d.n + EXCLUDED.n;
    RETURN NULL;
END $$;

INSERT INTO indicator_concluded_daily (day, definition, agency, office, channel, measure, days, n)
SELECT concluded_on, definition, agency, office, channel, measure, days, count(*) FROM indicator_measures GROUP BY 1, 2, 3, 4, 5, 6, 7;
