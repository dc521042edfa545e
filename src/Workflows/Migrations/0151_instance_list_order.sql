-- The instance list's default order (newest first, as the Studio shows it) and its keyset cursor read this index from
-- the cursor on; NULLS LAST matches the list's ORDER BY so the planner can walk it instead of sorting every instance.
CREATE INDEX workflow_instances_created ON workflow_instances (created_at DESC NULLS LAST, id DESC);
