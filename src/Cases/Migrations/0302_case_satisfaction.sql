-- The citizen's satisfaction with a closed case (1–5 and an optional comment): one answer per case.
CREATE TABLE case_satisfaction (
    case_id      uuid PRIMARY KEY REFERENCES cases (id),
    score        smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment      text,
    answered_at  timestamptz NOT NULL
);
