-- 体温打卡: a room's extra questions (抗原, 在家/外出, 症状: a JSON array, NULL = none) and its
-- expected household count (NULL = the households the bot knows), and the residents' answers:
-- one row per person, room and day (JSON object), joined with that day's record of the person or
-- household when the export and the statistics read them, so an answer sent before the reading
-- is kept. Health data: purged with the check-ins by checkin.retention.
ALTER TABLE checkin_rooms ADD COLUMN questions TEXT;
ALTER TABLE checkin_rooms ADD COLUMN households INTEGER;
CREATE TABLE checkin_answers (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  day TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  member TEXT NOT NULL,
  household TEXT,
  answers TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE UNIQUE INDEX checkin_answers_person ON checkin_answers(room, day, person);
CREATE INDEX checkin_answers_day ON checkin_answers(day);
