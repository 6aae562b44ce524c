-- A dashboard that acts (issue 18). A login belongs to a person (admins and chain leaders), so an
-- action knows who acts and ownership is checked by person; `admin` stays the name shown. The
-- CSRF key is made once per database (src/dashboard/actions.ts). Every action, done or refused
-- for ownership or bad input, is recorded in dashboard_actions (操作记录).
ALTER TABLE dashboard_tokens ADD COLUMN person INTEGER;
ALTER TABLE dashboard_sessions ADD COLUMN person INTEGER;

CREATE TABLE dashboard_keys (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  secret TEXT NOT NULL
);

CREATE TABLE dashboard_actions (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  person INTEGER,
  name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  ok INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dashboard_actions_at ON dashboard_actions (at);
