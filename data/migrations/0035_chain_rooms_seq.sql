-- A chain's groups in the order they were added: `seq` replaces SQLite's rowid as the tiebreak
-- between groups added by one command, so that the order is the same on PostgreSQL, which has none.
ALTER TABLE chain_rooms ADD COLUMN seq INTEGER;
UPDATE chain_rooms SET seq = rowid;
