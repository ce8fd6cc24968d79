-- Issue 14: the languages a partner's messages are told apart among (ISO 639-1 codes, 1-20, the first the
-- fallback for texts too short to tell). NULL: the service's configured default set.
ALTER TABLE redaction_policies ADD COLUMN languages text[];
