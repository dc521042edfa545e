-- Workflow definitions: one row per version; the Elsa 3 JSON model is kept verbatim (unknown fields included).
CREATE TABLE workflow_definitions (
    id             text PRIMARY KEY,               -- the version id (Elsa's "id")
    definition_id  text NOT NULL,
    version        integer NOT NULL,
    name           text NOT NULL,
    description    text,
    is_latest      boolean NOT NULL,
    is_published   boolean NOT NULL,
    source         text NOT NULL,                  -- 'file' or 'api'
    document       jsonb NOT NULL,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    UNIQUE (definition_id, version)
);
CREATE UNIQUE INDEX workflow_definitions_one_latest ON workflow_definitions (definition_id) WHERE is_latest;
CREATE UNIQUE INDEX workflow_definitions_one_published ON workflow_definitions (definition_id) WHERE is_published;

-- Workflow instances: everything an instance waits on lives here and in the tables below, never in memory.
CREATE TABLE workflow_instances (
    id                     text PRIMARY KEY,
    definition_id          text NOT NULL,
    definition_version_id  text NOT NULL REFERENCES workflow_definitions (id),
    version                integer NOT NULL,
    name                   text,
    status                 text NOT NULL,           -- Running | Finished
    sub_status             text NOT NULL,           -- Pending | Executing | Suspended | Finished | Cancelled | Faulted
    correlation_id         text,
    state                  jsonb NOT NULL,
    incident_count         integer NOT NULL DEFAULT 0,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    finished_at            timestamptz
);
CREATE INDEX workflow_instances_definition ON workflow_instances (definition_id, created_at DESC);
CREATE INDEX workflow_instances_status ON workflow_instances (status, sub_status);
CREATE INDEX workflow_instances_correlation ON workflow_instances (correlation_id) WHERE correlation_id IS NOT NULL;

CREATE TABLE workflow_bookmarks (
    id                    text PRIMARY KEY,
    instance_id           text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_id           text NOT NULL,
    activity_node_id      text NOT NULL,
    activity_instance_id  text NOT NULL,
    activity_type         text NOT NULL,
    payload               jsonb NOT NULL,
    created_at            timestamptz NOT NULL
);
CREATE INDEX workflow_bookmarks_instance ON workflow_bookmarks (instance_id);
CREATE INDEX workflow_bookmarks_type ON workflow_bookmarks (activity_type);

-- Durable timers: claimed by a recurring sweep with FOR UPDATE SKIP LOCKED; deleted in the transaction that resumes them.
CREATE TABLE workflow_timers (
    bookmark_id  text PRIMARY KEY REFERENCES workflow_bookmarks (id) ON DELETE CASCADE,
    instance_id  text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    due_at       timestamptz NOT NULL,
    -- a short lease taken by the sweep that claimed the row; the resume itself re-locks and deletes it
    claimed_by    text,
    claimed_until timestamptz
);
CREATE INDEX workflow_timers_due ON workflow_timers (due_at);

-- The journal: every activity start, completion, fault, suspension and resumption.
CREATE TABLE workflow_journal (
    id                    bigserial PRIMARY KEY,
    instance_id           text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_id           text NOT NULL,
    activity_node_id      text NOT NULL,
    activity_instance_id  text NOT NULL,
    activity_type         text NOT NULL,
    event_name            text NOT NULL,         -- Started | Completed | Faulted | Suspended | Resumed | Cancelled | Skipped
    outcomes              text[],
    message               text,
    payload               jsonb,
    timestamp             timestamptz NOT NULL
);
CREATE INDEX workflow_journal_instance ON workflow_journal (instance_id, id);

-- One row per activity execution: what the Studio's instance viewer reports on.
CREATE TABLE workflow_activity_executions (
    id                    text PRIMARY KEY,          -- the activity instance id
    instance_id           text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_id           text NOT NULL,
    activity_node_id      text NOT NULL,
    activity_type         text NOT NULL,
    activity_name         text,
    status                text NOT NULL,             -- Running | Completed | Canceled | Faulted
    has_bookmarks         boolean NOT NULL DEFAULT false,
    outcomes              text[],
    outputs               jsonb,
    exception             jsonb,
    started_at            timestamptz NOT NULL,
    completed_at          timestamptz
);
CREATE INDEX workflow_activity_executions_instance ON workflow_activity_executions (instance_id, activity_node_id);

CREATE TABLE workflow_incidents (
    id                    text PRIMARY KEY,
    instance_id           text NOT NULL REFERENCES workflow_instances (id) ON DELETE CASCADE,
    activity_id           text NOT NULL,
    activity_node_id      text NOT NULL,
    activity_type         text NOT NULL,
    message               text NOT NULL,
    exception             jsonb,
    timestamp             timestamptz NOT NULL,
    resolved_at           timestamptz
);
CREATE INDEX workflow_incidents_instance ON workflow_incidents (instance_id);
