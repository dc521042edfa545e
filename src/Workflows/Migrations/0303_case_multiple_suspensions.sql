-- Art. 2 c.7 L. 241/1990 allows one suspension per procedure; a sector law may allow more, and the procedure's
-- sheet says so. Copied onto the procedure at intake so a running case keeps the rule it started with.
ALTER TABLE case_procedures ADD COLUMN multiple_suspensions boolean NOT NULL DEFAULT false;
