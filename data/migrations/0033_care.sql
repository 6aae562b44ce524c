-- 关怀 / 代办 (issue 21): errands for households that cannot go out, and "6+3" care pairs.
-- People are stored by person key (people.id); the *_name columns only show them.

-- 代办: asked by a resident, a relative or an admin for a household; status open | taken | done | cancelled.
CREATE TABLE care_errands (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  household TEXT,
  requester INTEGER NOT NULL REFERENCES people(id),
  requester_name TEXT NOT NULL,
  what TEXT NOT NULL,
  kind TEXT NOT NULL,
  health INTEGER NOT NULL DEFAULT 0,
  urgent INTEGER NOT NULL DEFAULT 0,
  helper INTEGER REFERENCES people(id),
  helper_name TEXT,
  status TEXT NOT NULL DEFAULT 'open',
  announced INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  taken_at INTEGER,
  closed_at INTEGER,
  closed_by TEXT
);
CREATE INDEX care_errands_room ON care_errands(room, status);

-- 结对: one helper per household and room; why elderly | isolation | other; auto = paired by the bot.
CREATE TABLE care_pairs (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  household TEXT NOT NULL,
  helper INTEGER NOT NULL REFERENCES people(id),
  helper_name TEXT NOT NULL,
  why TEXT NOT NULL,
  auto INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (room, household)
);

-- 结对 楼栋 5 小王: the helper a building's isolated households are paired with.
CREATE TABLE care_buildings (
  room TEXT NOT NULL,
  building TEXT NOT NULL,
  helper INTEGER NOT NULL REFERENCES people(id),
  helper_name TEXT NOT NULL,
  PRIMARY KEY (room, building)
);

-- The helper's daily list, sent once per helper, room and day.
CREATE TABLE care_daily_sent (
  helper INTEGER NOT NULL,
  room TEXT NOT NULL,
  day TEXT NOT NULL,
  PRIMARY KEY (helper, room, day)
);
