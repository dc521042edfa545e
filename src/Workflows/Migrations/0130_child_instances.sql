-- Workflows as activities: a child instance (ExecuteWorkflow, DispatchWorkflow, a definition used as an activity) records
-- the instance that started it and the root of its tree, so the parent is resumed when it finishes and an owner (the
-- desk) can treat the whole tree as one procedure.
ALTER TABLE workflow_instances ADD COLUMN parent_instance_id text, ADD COLUMN root_instance_id text;
CREATE INDEX workflow_instances_parent ON workflow_instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
