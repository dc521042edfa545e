-- Outbound HTTP requests of FlowSendHttpRequest: one row per waiting request, sent by the timer sweep outside any
-- instance's transaction (a slow server never holds an instance's lock), retried with back-off on transient failures,
-- and gone with its bookmark when the answer resumes the instance. A host killed mid-request leaves the row claimed
-- until its lease ends; then it is sent again (at least once, never lost).
CREATE TABLE workflow_http_requests (
    bookmark_id   text PRIMARY KEY REFERENCES workflow_bookmarks (id) ON DELETE CASCADE,
    instance_id   text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    attempt       integer NOT NULL DEFAULT 1,
    due_at        timestamptz NOT NULL,
    claimed_by    text,
    claimed_until timestamptz
);
CREATE INDEX workflow_http_requests_due ON workflow_http_requests (due_at);
