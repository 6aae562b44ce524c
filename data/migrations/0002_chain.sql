-- 接龙: chains (group-buys and sign-up lists), their items, orders and order lines.
-- Rooms are keyed by topic and people by display name, never by contact id (ids change at login).

CREATE TABLE chains (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  title TEXT NOT NULL,
  owner TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- 1 when the chain mirrors WeChat's own 接龙 tool (every copy re-posts the whole list)
  native INTEGER NOT NULL DEFAULT 0,
  deadline INTEGER,
  pickup TEXT,
  cap INTEGER,
  created_at INTEGER NOT NULL,
  closed_at INTEGER,
  arrived_at INTEGER,
  -- native chains: the last known list as JSON [{ key, text, member }], diffed against each copy
  entries TEXT
);
CREATE INDEX chains_room ON chains(room, status);

CREATE TABLE chain_items (
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  code INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT,
  price REAL NOT NULL DEFAULT 0,
  stock REAL,
  per_person REAL,
  PRIMARY KEY (chain_id, code)
);

-- One order per member per chain; in a native chain one per entry (okey = the entry's key).
CREATE TABLE chain_orders (
  id INTEGER PRIMARY KEY,
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  okey TEXT NOT NULL,
  member TEXT NOT NULL,
  household TEXT,
  picked_up INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (chain_id, okey)
);
CREATE INDEX chain_orders_member ON chain_orders(member);

CREATE TABLE chain_lines (
  order_id INTEGER NOT NULL REFERENCES chain_orders(id) ON DELETE CASCADE,
  item INTEGER NOT NULL,
  qty REAL NOT NULL CHECK (qty > 0),
  PRIMARY KEY (order_id, item)
);
