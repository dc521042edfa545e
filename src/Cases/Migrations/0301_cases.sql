-- Cases at the one-stop desk: the citizen's case, its procedures (one workflow instance each), office tasks,
-- documents, the protocol register, the timeline, messages to the citizen, idempotency keys and the audit trail.

CREATE OR REPLACE FUNCTION caseflow_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- DPR 445/2000 art. 53: one gap-free sequence per agency and year. The counter row is bumped with
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING in the registering transaction, so a rollback un-bumps it.
CREATE TABLE protocol_counters (
    agency  text NOT NULL,
    year    integer NOT NULL,
    last    integer NOT NULL,
    PRIMARY KEY (agency, year)
);

CREATE TABLE protocol_entries (
    id              uuid PRIMARY KEY,
    agency          text NOT NULL,
    year            integer NOT NULL,
    seq             integer NOT NULL,
    number          text NOT NULL,
    registered_at   timestamptz NOT NULL,
    direction       text NOT NULL CHECK (direction IN ('in', 'out')),
    correspondent   text NOT NULL,
    subject         text NOT NULL,
    document_hashes text[] NOT NULL DEFAULT '{}',
    case_id         uuid,
    registered_by   text NOT NULL,
    UNIQUE (agency, year, seq)
);
CREATE INDEX protocol_entries_case ON protocol_entries (case_id);
CREATE INDEX protocol_entries_number ON protocol_entries (number);
CREATE TRIGGER protocol_entries_append_only BEFORE UPDATE OR DELETE ON protocol_entries
    FOR EACH ROW EXECUTE FUNCTION caseflow_append_only();

CREATE TABLE cases (
    id              uuid PRIMARY KEY,
    tracking_code   text NOT NULL UNIQUE,
    protocol_number text NOT NULL,
    fiscal_code     text NOT NULL,
    citizen         jsonb NOT NULL,
    channel         text NOT NULL,
    received_at     timestamptz NOT NULL,
    status          text NOT NULL,
    created_at      timestamptz NOT NULL,
    created_by      text NOT NULL,
    closed_at       timestamptz
);
CREATE INDEX cases_fiscal_code ON cases (fiscal_code);

CREATE TABLE case_procedures (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES cases (id),
    instance_id     text NOT NULL UNIQUE,
    procedure_id    text NOT NULL,
    version         integer NOT NULL,
    name            text NOT NULL,
    agency          text NOT NULL,
    office          text NOT NULL,
    term            text NOT NULL,
    responsible_officer text,
    silence_assent  boolean NOT NULL DEFAULT false,
    protocol_number text NOT NULL,
    form_data       jsonb NOT NULL,
    clock_events    jsonb NOT NULL DEFAULT '[]',
    due_at          timestamptz NOT NULL,
    status          text NOT NULL,
    outcome         text,
    final_act       text,
    final_act_protocol text,
    closed_at       timestamptz
);
CREATE INDEX case_procedures_case ON case_procedures (case_id);

CREATE TABLE case_tasks (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES cases (id),
    procedure_id    uuid NOT NULL REFERENCES case_procedures (id),
    instance_id     text NOT NULL,
    bookmark_id     text NOT NULL UNIQUE,
    office          text NOT NULL,
    title           text NOT NULL,
    instructions    text,
    outcomes        text[] NOT NULL,
    term            text,
    created_at      timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    status          text NOT NULL,
    claimed_by      text,
    outcome         text,
    note            text,
    closed_by       text,
    closed_at       timestamptz
);
CREATE INDEX case_tasks_office_open ON case_tasks (office, due_at) WHERE status = 'open';
CREATE INDEX case_tasks_case ON case_tasks (case_id);

CREATE TABLE case_documents (
    id              uuid PRIMARY KEY,
    case_id         uuid REFERENCES cases (id),
    file_name       text NOT NULL,
    content_type    text NOT NULL,
    size            bigint NOT NULL,
    sha256          text NOT NULL,
    content         bytea NOT NULL,
    protocol_number text NOT NULL,
    uploaded_at     timestamptz NOT NULL,
    uploaded_by     text NOT NULL
);
CREATE INDEX case_documents_case ON case_documents (case_id);

CREATE TABLE case_events (
    id          bigserial PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    procedure_id uuid,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    kind        text NOT NULL,
    text        text NOT NULL,
    public      boolean NOT NULL DEFAULT false
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION caseflow_append_only();

CREATE TABLE case_messages (
    id          bigserial PRIMARY KEY,
    case_id     uuid NOT NULL REFERENCES cases (id),
    procedure_id uuid,
    at          timestamptz NOT NULL,
    template    text NOT NULL,
    recipient   text,
    text        text
);
CREATE INDEX case_messages_case ON case_messages (case_id, id);

CREATE TABLE idempotency_keys (
    actor        text NOT NULL,
    key          text NOT NULL,
    request_hash text NOT NULL,
    status_code  integer NOT NULL,
    response     jsonb NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (actor, key)
);

CREATE TABLE audit_trail (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    entity      text NOT NULL,
    entity_id   text NOT NULL,
    action      text NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_trail_entity ON audit_trail (entity, entity_id);
CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION caseflow_append_only();
