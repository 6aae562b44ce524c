-- One person across a district's accounts: `绑定账号` on an account that knows someone gives a
-- one-time code (kept as its SHA-256 hash), which `绑定 <code>` in private chat to another account
-- redeems to bind that account's contact to the same person (commands/core/bind.ts).
CREATE TABLE bind_codes (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  -- the account that issued it: the code is redeemed on another one
  account TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE INDEX bind_codes_hash ON bind_codes(hash);
CREATE INDEX bind_codes_person ON bind_codes(person, account);
-- wrong codes, for throttling (per person and in all): guessing six digits must not pay
CREATE TABLE bind_failures (
  person INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX bind_failures_at ON bind_failures(at);
