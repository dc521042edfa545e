-- Every host keeps active API keys in memory between changes; a committed write (a revocation) tells them all (ApiKeyStore).
CREATE OR REPLACE FUNCTION api_keys_signal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('caseflow_changes', 'api_keys');
    RETURN NULL;
END $$;

CREATE TRIGGER api_keys_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION api_keys_signal_change();
