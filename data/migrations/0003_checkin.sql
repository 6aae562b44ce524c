-- 体温打卡: per-room settings, daily check-ins (history kept), home isolations and their reports.
-- Health data: purged after LINLI_RETENTION_DAYS by the checkin.retention job.

-- One row per room that ever had check-ins configured. Times are local `HH:MM`. Jobs carry the
-- id, not the topic, so a renamed room (the engine rewrites every `room` column) keeps its reminders.
CREATE TABLE checkin_rooms (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 0,
  remind_at TEXT,
  chase_at TEXT,
  stats_at TEXT,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Every check-in is kept; a later one the same day supersedes the earlier (superseded = 1),
-- so there is exactly one current row per room, day and member.
CREATE TABLE checkin_records (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  day TEXT NOT NULL,
  member TEXT NOT NULL,
  household TEXT,
  temps TEXT NOT NULL,
  labels TEXT,
  abnormal INTEGER NOT NULL,
  at INTEGER NOT NULL,
  superseded INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX checkin_records_current ON checkin_records(room, day, member) WHERE superseded = 0;
CREATE INDEX checkin_records_day ON checkin_records(day);

-- 居家隔离: `start` is the local day the isolation began (day 1); status active | released.
CREATE TABLE checkin_isolations (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  household TEXT NOT NULL,
  start TEXT NOT NULL,
  days INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  released_at INTEGER,
  released_by TEXT
);
CREATE UNIQUE INDEX checkin_isolations_active ON checkin_isolations(room, household) WHERE status = 'active';

-- Which of the two daily slots (am, pm) an isolated household has reported.
CREATE TABLE checkin_isolation_reports (
  isolation_id INTEGER NOT NULL REFERENCES checkin_isolations(id) ON DELETE CASCADE,
  day TEXT NOT NULL,
  slot TEXT NOT NULL,
  member TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (isolation_id, day, slot)
);
