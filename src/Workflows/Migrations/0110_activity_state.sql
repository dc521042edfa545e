-- The evaluated inputs of an activity execution that its log persistence settings let through (Elsa's activityState).
ALTER TABLE workflow_activity_executions ADD COLUMN activity_state jsonb;
