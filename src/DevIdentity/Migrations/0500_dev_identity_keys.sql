-- The development identity provider's keys (token signing and encryption), protected with the host's data-protection
-- key ring: every host on the database signs with the same key, so a token from one validates on another.
CREATE TABLE dev_identity_keys (
    id            smallint PRIMARY KEY CHECK (id = 1),
    protected_key text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
