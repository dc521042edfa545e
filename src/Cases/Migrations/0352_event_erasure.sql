-- The timeline stays append-only, with one exception: the retention job may blank the text of a closed case's
-- internal entries (which can hold personal data) once its period ended. It says so for its own transaction only
-- (SET LOCAL caseflow.erasing = 'on'); nothing else of an entry may ever change, and nothing may be deleted.
CREATE FUNCTION case_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('caseflow.erasing', true) = 'on' AND NOT OLD.public
       AND (NEW.id, NEW.case_id, NEW.procedure_id, NEW.at, NEW.actor, NEW.kind, NEW.public)
           IS NOT DISTINCT FROM (OLD.id, OLD.case_id, OLD.procedure_id, OLD.at, OLD.actor, OLD.kind, OLD.public) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER case_events_append_only ON case_events;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
    FOR EACH ROW EXECUTE FUNCTION case_events_guard();
