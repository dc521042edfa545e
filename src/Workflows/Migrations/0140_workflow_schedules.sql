-- Cron and Timer triggers of published definitions (Elsa's scheduled triggers): one row per trigger activity of a
-- published version, with the next moment it starts an instance. The timer sweep keeps the rows in step with what is
-- published and starts each due one in the transaction that moves its next_at on, under FOR UPDATE SKIP LOCKED: with
-- any number of hosts each occurrence starts exactly one instance.
CREATE TABLE workflow_schedules (
    definition_version_id text NOT NULL REFERENCES workflow_definitions (id) ON DELETE CASCADE,
    activity_id           text NOT NULL,
    definition_id         text NOT NULL,
    activity_type         text NOT NULL,   -- Elsa.Cron | Elsa.Timer
    expression            text NOT NULL,   -- the cron expression, or the interval as d.hh:mm:ss
    next_at               timestamptz NOT NULL,
    PRIMARY KEY (definition_version_id, activity_id)
);
CREATE INDEX workflow_schedules_due ON workflow_schedules (next_at);
