-- Reminders, escalations and lapses of office steps and procedures, one row per action and due date. Rows are
-- rewritten in the transaction that sets or moves a due date; a sweeper claims due rows (FOR UPDATE SKIP LOCKED
-- plus a short lease) and fires each in its own transaction, which sets fired_at.
CREATE TABLE deadlines (
    id              uuid PRIMARY KEY,
    case_id         uuid NOT NULL REFERENCES cases (id),
    procedure_id    uuid NOT NULL REFERENCES case_procedures (id),
    task_id         uuid REFERENCES case_tasks (id),
    kind            text NOT NULL CHECK (kind IN ('step', 'procedure')),
    action          text NOT NULL CHECK (action IN ('reminder', 'escalation', 'lapse')),
    office          text NOT NULL,
    target_due_at   timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    offset_label    text NOT NULL,
    fired_at        timestamptz,
    outcome         text,
    claimed_by      text,
    claimed_until   timestamptz
);
-- The target is the task for a step, the procedure otherwise.
CREATE UNIQUE INDEX deadlines_once ON deadlines (coalesce(task_id, procedure_id), action, due_at);
CREATE INDEX deadlines_due ON deadlines (due_at) WHERE fired_at IS NULL;
CREATE INDEX deadlines_office_due ON deadlines (office, due_at);

ALTER TABLE case_tasks ADD COLUMN reminded_at timestamptz;
ALTER TABLE case_tasks ADD COLUMN escalated_at timestamptz;
ALTER TABLE cases ADD COLUMN overdue_at timestamptz;
