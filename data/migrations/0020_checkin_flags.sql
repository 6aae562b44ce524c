-- 体温打卡: possible fevers the bot was not sure were today's reading (`我孙孙昨天37度8 今天退了`,
-- a reading in unclear words). The admins were told in private at once; the day's statistics list
-- them as 待核实 so a summary never says 异常：无 while one is open. Health data: purged with the
-- check-ins by checkin.retention.
CREATE TABLE checkin_flags (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  day TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  member TEXT NOT NULL,
  household TEXT,
  temps TEXT NOT NULL,
  excerpt TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX checkin_flags_day ON checkin_flags(room, day);
