-- The partners' organization settings (Manager API settings/organization), from OrganizationUpdated.
-- A partner without a row has never set them: the API answers the defaults.
CREATE TABLE organizations (
    partner_id text COLLATE "C" NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    time_zone  text        NOT NULL,
    language   text        NOT NULL,
    updated_at timestamptz NOT NULL
);
