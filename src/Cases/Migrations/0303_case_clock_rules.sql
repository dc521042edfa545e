-- Art. 2 c.7 L. 241/1990 allows one suspension per procedure; a sector law may allow more, and the procedure's
-- sheet says so. Copied onto the procedure at intake so a running case keeps the rule it started with.
ALTER TABLE case_procedures ADD COLUMN multiple_suspensions boolean NOT NULL DEFAULT false;

-- When the procedure passed to the holder of the substitute power (art. 2 c.9-bis): kept apart from the status,
-- which a suspension changes, because the agency's later steps keep going to the substitute office.
ALTER TABLE case_procedures ADD COLUMN substitute_since timestamptz;
