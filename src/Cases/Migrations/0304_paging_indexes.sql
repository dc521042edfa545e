-- Keyset paging: an office queue pages by (due_at, id) over open tasks, case search by (created_at, id) newest first.
DROP INDEX IF EXISTS case_tasks_office_open;
CREATE INDEX case_tasks_office_open ON case_tasks (office, due_at, id) WHERE status = 'open';
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
