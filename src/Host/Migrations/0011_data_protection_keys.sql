-- ASP.NET Core data-protection key ring (sign-in cookies, resume tokens), shared by every host on this database.
CREATE TABLE data_protection_keys (
    id            bigserial PRIMARY KEY,
    friendly_name text NOT NULL,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
