-- A message that carries a secret (the token of a dashboard login link) lists it here while the row
-- waits. Once the row is sent or given up the secret is elided from its text and this column is
-- emptied: the database keeps a login token only as the hash in dashboard_tokens.
ALTER TABLE outbox ADD COLUMN secrets TEXT;
