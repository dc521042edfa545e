-- The ASP.NET Core data-protection key ring, shared by every host (cookies, antiforgery tokens).
CREATE TABLE data_protection_keys (
    id            bigserial PRIMARY KEY,
    friendly_name text NOT NULL UNIQUE,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now());
