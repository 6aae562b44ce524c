-- Core tables: inbound dedupe, rooms and members, admins, outbox, scheduler, small key/value meta.

-- One row per inbound message handled: a redelivery hits the unique key and is skipped.
-- Only a hash is kept, never the text: ordinary chat leaves no trace.
CREATE TABLE inbound (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  room TEXT,
  at INTEGER NOT NULL,
  handled_at INTEGER NOT NULL,
  command TEXT
);
CREATE INDEX inbound_at ON inbound(handled_at);

CREATE TABLE rooms (
  topic TEXT PRIMARY KEY,
  first_seen INTEGER NOT NULL,
  last_active INTEGER,
  present INTEGER NOT NULL DEFAULT 1
);

-- Members are keyed by room topic and display name (group nickname, else WeChat name).
CREATE TABLE members (
  room TEXT NOT NULL,
  name TEXT NOT NULL,
  wx_name TEXT NOT NULL,
  household TEXT,
  last_seen INTEGER,
  present INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (room, name)
);

-- `登记 3-2-501`: a household bound explicitly, by WeChat name (valid in every room).
CREATE TABLE registrations (
  wx_name TEXT PRIMARY KEY,
  household TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- Enrolled admins. The token is written as the bot's remark on the admin's contact: the remark
-- survives re-login and cannot be set by the admin, unlike nicknames.
CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE,
  enrolled_at INTEGER NOT NULL,
  -- the contact id at enrolment, valid only within that login (until the remark is written)
  session_id TEXT,
  session_epoch INTEGER
);

CREATE TABLE enrol_failures (
  wx_name TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX enrol_failures_name ON enrol_failures(wx_name, at);

-- The outbox: written inside the message's transaction, sent only after commit.
-- status: pending → sending → sent; merged (folded into another row); dead (gave up).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  target TEXT NOT NULL,
  remark TEXT,
  kind TEXT NOT NULL DEFAULT 'text',
  text TEXT NOT NULL,
  mentions TEXT,
  merge_key TEXT,
  payload TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_try_at INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  merged_into INTEGER,
  error TEXT
);
CREATE INDEX outbox_pending ON outbox(status, target, due_at, id);
CREATE INDEX outbox_sent ON outbox(sent_at);

-- Scheduled jobs: one row per job, next_at is the next slot; a slot runs in the same
-- transaction that moves next_at on, so it runs exactly once.
CREATE TABLE jobs (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  next_at INTEGER NOT NULL,
  repeat TEXT,
  payload TEXT,
  late TEXT NOT NULL DEFAULT 'run',
  max_late_ms INTEGER NOT NULL DEFAULT 43200000,
  quiet INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  runs INTEGER NOT NULL DEFAULT 0,
  last_slot INTEGER
);
CREATE INDEX jobs_next ON jobs(next_at);

-- Every slot that ran or was skipped: proves "exactly once" in tests and after crashes.
CREATE TABLE job_runs (
  key TEXT NOT NULL,
  slot INTEGER NOT NULL,
  ran_at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  PRIMARY KEY (key, slot)
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
