-- A step that moves or closes a task rewrites that task's (or its procedure's) pending deadlines, and the substitute
-- authority and the case file read a procedure's tasks. Without these, each such statement walked every unfired
-- deadline (deadlines_due) or every task of the case table: fine at a thousand rows, a scan of a million at a real
-- desk. Partial like deadlines_due: fired rows are history and are never rewritten.
CREATE INDEX deadlines_task_pending ON deadlines (task_id) WHERE fired_at IS NULL AND task_id IS NOT NULL;
CREATE INDEX deadlines_procedure_pending ON deadlines (procedure_id) WHERE fired_at IS NULL;
CREATE INDEX case_tasks_procedure ON case_tasks (procedure_id);
