-- A receipt date before the day of registration is a deferred registration: the operator's reason is kept with the case.
ALTER TABLE cases ADD COLUMN received_at_reason text;

-- A concluded procedure stays concluded: its outcome, final act and closing time never change again (an attested
-- silence-assent cannot be overwritten by a later final act, whatever path tries it).
CREATE FUNCTION case_procedures_concluded_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.closed_at IS NOT NULL AND (NEW.closed_at IS DISTINCT FROM OLD.closed_at OR NEW.status IS DISTINCT FROM OLD.status
        OR NEW.outcome IS DISTINCT FROM OLD.outcome OR NEW.final_act_protocol IS DISTINCT FROM OLD.final_act_protocol) THEN
        RAISE EXCEPTION 'procedure % is already concluded (%)', OLD.id, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER case_procedures_concluded_once BEFORE UPDATE ON case_procedures
    FOR EACH ROW EXECUTE FUNCTION case_procedures_concluded_once();

-- A document brought for one procedure of a bundle (an integration, observations) belongs to that procedure: only the
-- offices working on it see it. Documents of the whole intake keep procedure_id NULL.
ALTER TABLE case_documents ADD COLUMN procedure_id uuid REFERENCES case_procedures (id);
