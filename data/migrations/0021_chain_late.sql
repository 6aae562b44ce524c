-- 接龙: who was told that a chain had closed when they ordered in words after 截单 (once each,
-- not at every late message).
CREATE TABLE chain_late (
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  person INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (chain_id, person)
);
