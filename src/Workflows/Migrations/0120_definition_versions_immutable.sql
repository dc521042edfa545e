-- A version id belongs to one definition forever, and a version that instances run on never changes: enforced here
-- too, so that no code path (a save, a file, a hand-written UPDATE) can break a running case's definition.
-- NOT VALID: rows written before this rule are left for an operator to look at, not a reason to refuse to start.
ALTER TABLE workflow_definitions ADD CONSTRAINT workflow_definitions_document_matches_row
    CHECK (document ->> 'definitionId' = definition_id AND (document ->> 'version')::integer = version) NOT VALID;

CREATE FUNCTION workflow_definitions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.definition_id <> OLD.definition_id OR NEW.version <> OLD.version THEN
        RAISE EXCEPTION 'workflow definition version % belongs to % v%', OLD.id, OLD.definition_id, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- The flags the store itself maintains may change; the model may not once an instance runs on it.
    IF (NEW.document - 'isLatest' - 'isPublished' - 'createdAt') IS DISTINCT FROM (OLD.document - 'isLatest' - 'isPublished' - 'createdAt')
       AND EXISTS (SELECT 1 FROM workflow_instances WHERE definition_version_id = OLD.id) THEN
        RAISE EXCEPTION 'workflow definition version % has instances and cannot change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER workflow_definitions_guard BEFORE UPDATE ON workflow_definitions
    FOR EACH ROW EXECUTE FUNCTION workflow_definitions_guard();
