-- The notification outbox: rows are written in the caller's transaction and dispatched by a Hangfire job.
-- The rendered subject/html/text are stored so that an operator sees exactly what was (or will be) sent.
CREATE TABLE outbox_messages (
    id                 uuid PRIMARY KEY,
    deduplication_key  text NOT NULL,
    template           text NOT NULL,
    language           text NOT NULL CHECK (language IN ('it', 'en')),
    recipient_address  text NOT NULL,
    recipient_name     text,
    model              jsonb NOT NULL,
    case_id            uuid,
    subject            text NOT NULL,
    html_body          text NOT NULL,
    text_body          text NOT NULL,
    message_id         text NOT NULL,
    status             text NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'sending', 'sent', 'retrying', 'uncertain', 'failed')),
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    -- While 'sending': the claim and until when it holds. A claim past lease_until belongs to a dead dispatcher.
    claim_id           uuid,
    claimed_at         timestamptz,
    lease_until        timestamptz,
    -- Written just before the SMTP transaction of this row starts; see the README for why it decides recovery.
    send_started_at    timestamptz,
    last_error         text,
    sent_at            timestamptz,
    resend_count       integer NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT outbox_messages_deduplication_key_key UNIQUE (deduplication_key)
);

CREATE INDEX outbox_messages_case_id_idx ON outbox_messages (case_id);
-- The dispatcher's claim query: due rows waiting to go out.
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX outbox_messages_lease_idx ON outbox_messages (lease_until) WHERE status = 'sending';
CREATE INDEX outbox_messages_status_idx ON outbox_messages (status, created_at);
