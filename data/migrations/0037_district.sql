-- A district: several bot accounts (processes) on one PostgreSQL. Each account beats a heartbeat,
-- says which rooms it is in, and a room is served (its outbox sent) by the one account holding its
-- lease, renewed while the account is healthy; a lease that lapses is taken by another account in
-- the room (src/district/leases.ts). A single bot never writes these tables.
CREATE TABLE accounts (
  account TEXT PRIMARY KEY,
  heartbeat_at INTEGER NOT NULL,
  -- online | offline (logged out, banned, stopped) | failing (sends fail)
  status TEXT NOT NULL DEFAULT 'online',
  started_at INTEGER NOT NULL
);
CREATE TABLE account_rooms (
  account TEXT NOT NULL,
  room TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (account, room)
);
CREATE INDEX account_rooms_room ON account_rooms(room);
CREATE TABLE room_leases (
  room TEXT PRIMARY KEY,
  account TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  since INTEGER NOT NULL
);
CREATE INDEX room_leases_account ON room_leases(account);
-- the account sending (or that sent) an outbox row; NULL for a single bot
ALTER TABLE outbox ADD COLUMN sender TEXT;
