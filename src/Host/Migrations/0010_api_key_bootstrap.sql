-- Keys registered from Auth:BootstrapAdminApiKey are marked, so the host can revoke them when the setting changes.
ALTER TABLE api_keys ADD COLUMN bootstrap boolean NOT NULL DEFAULT false;
UPDATE api_keys SET bootstrap = true WHERE name = 'bootstrap-admin';
