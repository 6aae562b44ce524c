-- 物资互助: neighbours' offers and requests, and which of them were matched.
-- Ids are one sequence for the whole database (AUTOINCREMENT: never reused), so `要 #3` names one
-- entry whatever the room. Rooms are topics and members display names (durable across logins).
-- Only the parsed item is kept, never the message text.

-- status: open → claimed (an offer someone said 要 to; a request whose match was claimed)
--         → done; or withdrawn (撤回) / expired (the scheduled job) from open.
CREATE TABLE aid_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('offer', 'request')),
  room TEXT NOT NULL,
  member TEXT NOT NULL,
  household TEXT,
  item TEXT NOT NULL,
  qty TEXT,
  urgent INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'claimed', 'done', 'withdrawn', 'expired')),
  -- an offer: who said 要; a request: the offer that is filling it
  claimed_by TEXT,
  filled_by INTEGER REFERENCES aid_entries(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX aid_entries_open ON aid_entries(room, status, kind);
CREATE INDEX aid_entries_member ON aid_entries(member, status);

CREATE TABLE aid_matches (
  offer_id INTEGER NOT NULL REFERENCES aid_entries(id),
  request_id INTEGER NOT NULL REFERENCES aid_entries(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (offer_id, request_id)
);
CREATE INDEX aid_matches_request ON aid_matches(request_id);
