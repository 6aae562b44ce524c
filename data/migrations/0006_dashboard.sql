-- Dashboard login (issue 9). Only SHA-256 hashes of tokens and session ids are stored, so a copy
-- of the database cannot be used to log in. `admin` is the admin's display name, for the record.
CREATE TABLE dashboard_tokens (
  hash TEXT PRIMARY KEY,
  admin TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX dashboard_tokens_expires ON dashboard_tokens (expires_at);

CREATE TABLE dashboard_sessions (
  hash TEXT PRIMARY KEY,
  admin TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at);
