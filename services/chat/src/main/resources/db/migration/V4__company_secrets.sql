-- The per-partner company secret that signs custom data (HS256). It must be readable to verify
-- signatures, so it is stored as given; the API never returns it and nothing logs it.
CREATE TABLE company_secrets (
    partner_id text        PRIMARY KEY,
    secret     text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
