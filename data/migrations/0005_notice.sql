-- 通知: broadcast notices, the rooms each went to, who acknowledged, and admins' reminders.
-- Rooms are topics and people display names (durable across logins); `room` columns follow
-- topic renames through the engine.

-- scope: 'room' (the room in `room`), 'all' (every room at posting time), 'names' (topics
-- containing one of `names`, comma separated). status: scheduled → open, or cancelled.
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  important INTEGER NOT NULL DEFAULT 0,
  -- 1 while an important notice still has repeats to come
  repeating INTEGER NOT NULL DEFAULT 0,
  scope TEXT NOT NULL,
  room TEXT,
  names TEXT,
  created_at INTEGER NOT NULL,
  post_at INTEGER,
  posted_at INTEGER,
  status TEXT NOT NULL DEFAULT 'open'
);

CREATE TABLE notice_rooms (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  room TEXT NOT NULL,
  PRIMARY KEY (notice_id, room)
);
CREATE INDEX notice_rooms_room ON notice_rooms(room, notice_id);

-- how: 'text' (收到/已读/1), 'quote' (a quoted reply to the notice)
CREATE TABLE notice_acks (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  room TEXT NOT NULL,
  member TEXT NOT NULL,
  at INTEGER NOT NULL,
  how TEXT NOT NULL,
  PRIMARY KEY (notice_id, room, member)
);

-- repeat: 'once' | 'daily' | 'weekly' | 'weekdays'; status: active | done | deleted
CREATE TABLE notice_reminders (
  id INTEGER PRIMARY KEY,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  scope TEXT NOT NULL,
  room TEXT,
  names TEXT,
  repeat TEXT NOT NULL,
  weekday INTEGER,
  hour INTEGER NOT NULL,
  minute INTEGER NOT NULL,
  first_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active'
);
