-- Short-lived keys (e.g. the one the Studio page mints for a signed-in designer) expire by themselves.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN owner text;
