-- Online applications not sent yet (C.SE.1.6): one draft per citizen and procedure, owned by the signed-in fiscal
-- code, with the answers as posted and the step the citizen left at; deleted by the retention sweep once expired.
CREATE TABLE application_drafts (
    id            uuid PRIMARY KEY,
    owner         text NOT NULL,
    procedure_id  text NOT NULL,
    answers       jsonb NOT NULL,
    step          text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    UNIQUE (owner, procedure_id)
);
CREATE INDEX application_drafts_expiry ON application_drafts (expires_at);

-- Files kept with a draft; registered in the protocol (as case documents) only when the application is sent.
CREATE TABLE application_draft_files (
    id            uuid PRIMARY KEY,
    draft_id      uuid NOT NULL REFERENCES application_drafts (id) ON DELETE CASCADE,
    file_name     text NOT NULL,
    content_type  text NOT NULL,
    size          bigint NOT NULL,
    sha256        text NOT NULL,
    content       bytea NOT NULL,
    document_id   uuid REFERENCES case_documents (id),
    added_at      timestamptz NOT NULL
);
CREATE INDEX application_draft_files_draft ON application_draft_files (draft_id, added_at);

-- A business applicant: the company the applicant acts for (partita IVA, name, role); the applicant stays the person.
ALTER TABLE cases ADD COLUMN company jsonb;
ALTER TABLE cases ADD COLUMN company_vat text;
CREATE INDEX cases_company_vat ON cases (company_vat) WHERE company_vat IS NOT NULL;
