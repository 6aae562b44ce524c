-- 返回登记: people back from elsewhere (`我今天从武汉回来了 5-1-302`, an admin's `返回 5-1-302 武汉 11-24`).
-- One row per return: the household, who came back as said (小刘, or the reporter), from where, the
-- local day of arrival, and the home isolation it started (NULL: none). A room's rules: which sources
-- start an isolation (JSON array of words, ["*"] = every source, NULL = none) and for how many days.
CREATE TABLE checkin_returnees (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  household TEXT,
  member TEXT NOT NULL,
  person INTEGER REFERENCES people(id),
  origin TEXT NOT NULL,
  arrived TEXT NOT NULL,
  isolation_id INTEGER REFERENCES checkin_isolations(id) ON DELETE SET NULL,
  reported_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX checkin_returnees_day ON checkin_returnees (arrived, id);
ALTER TABLE checkin_rooms ADD COLUMN return_sources TEXT;
ALTER TABLE checkin_rooms ADD COLUMN return_days INTEGER;
