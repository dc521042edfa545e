-- An API key acting as an officer carries the offices it works for, emitted as "office" claims
-- (the same claim people's logins carry), so office scoping never depends on a key's name.
ALTER TABLE api_keys ADD COLUMN offices text[] NOT NULL DEFAULT '{}';
