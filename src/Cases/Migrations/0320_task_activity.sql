-- The workflow activity a task waits on, so the task page can tell which outcomes end the procedure or start a
-- notice of refusal (and ask for a confirmation). Tasks opened before this column have none: every outcome is confirmed.
ALTER TABLE case_tasks ADD COLUMN activity_id text;
