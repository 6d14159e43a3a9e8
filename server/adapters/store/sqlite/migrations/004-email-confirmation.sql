-- Self sign-ups confirm their email (open the emailed link) before their first session. Accounts that
-- exist already were made before confirmation existed, or by the importer, the seed or the admin
-- set-up: they count as confirmed from their creation.
ALTER TABLE users ADD COLUMN email_confirmed_at TEXT;
UPDATE users SET email_confirmed_at = created_at;
