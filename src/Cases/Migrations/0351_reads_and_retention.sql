-- Who read which case (GDPR art. 5(2) accountability; the Garante's guidance on access logs in the PA): one row per
-- case file read, document downloaded or search by personal identifier. Kept Retention:ReadAuditDays.
CREATE TABLE case_reads (
    id       bigserial PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text NOT NULL,
    case_id  uuid REFERENCES cases (id),
    what     text NOT NULL CHECK (what IN ('case-file', 'document', 'search')),
    detail   text
);
CREATE INDEX case_reads_case ON case_reads (case_id, at DESC);
CREATE INDEX case_reads_at ON case_reads (at);

-- Set when a closed case's personal data was erased at the end of its retention period.
ALTER TABLE cases ADD COLUMN erased_at timestamptz;
CREATE INDEX cases_closed_not_erased ON cases (closed_at) WHERE status = 'closed' AND erased_at IS NULL;
