-- A temporarily failing message is retried for a time (Notifications:RetryFor), counted from its first attempt.
ALTER TABLE outbox_messages ADD COLUMN first_attempt_at timestamptz;
UPDATE outbox_messages SET first_attempt_at = created_at WHERE attempts > 0;
CREATE INDEX outbox_messages_status_updated ON outbox_messages (status, updated_at);
