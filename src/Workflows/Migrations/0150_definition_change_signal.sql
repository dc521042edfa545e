-- Every host caches definitions between changes; a committed write to the table tells them all (DefinitionStore).
CREATE OR REPLACE FUNCTION workflow_definitions_signal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('caseflow_changes', 'workflow_definitions');
    RETURN NULL;
END $$;

CREATE TRIGGER workflow_definitions_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workflow_definitions
    FOR EACH STATEMENT EXECUTE FUNCTION workflow_definitions_signal_change();
