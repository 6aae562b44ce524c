-- 接龙 in several groups: `同步 #1 6栋团购群` runs a chain in more groups than the one it started in
-- (chains.room). Orders from every group share one stock, cap and deadline; each order remembers the
-- group it was placed in, so confirmations, the list, 到货 and 未取 stay per group.
CREATE TABLE chain_rooms (
  chain INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  room TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  added_by INTEGER REFERENCES people(id),
  PRIMARY KEY (chain, room)
);
CREATE INDEX chain_rooms_room ON chain_rooms(room);

ALTER TABLE chain_orders ADD COLUMN room TEXT;
UPDATE chain_orders SET room = (SELECT room FROM chains WHERE chains.id = chain_orders.chain_id);
