-- 接龙 候补: what did not fit when an item's stock or a sign-up list's cap ran out, in arrival
-- order (id). One row per order key and item (item NULL: a place on a plain sign-up list); room
-- is where the wait was asked for, so a promotion is told there.
CREATE TABLE chain_waitlist (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  okey TEXT NOT NULL,
  member TEXT NOT NULL,
  household TEXT,
  person INTEGER REFERENCES people(id),
  room TEXT NOT NULL,
  item INTEGER,
  qty REAL NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX chain_waitlist_key ON chain_waitlist(chain_id, okey, IFNULL(item, 0));
