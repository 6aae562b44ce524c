-- 接龙 payments: what the leader confirmed as received for an order (paid), refunded, and what the
-- buyer said they paid, waiting for the leader (pending). Keyed by the order's key, so a cancelled
-- paid order keeps its row (listed as 待退) with the name, household and 跟团号 it had.
-- `noted`: the difference (补 > 0, 退 < 0) the buyer and the leader were last told of.
CREATE TABLE chain_payments (
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  okey TEXT NOT NULL,
  member TEXT NOT NULL,
  household TEXT,
  no INTEGER,
  person INTEGER REFERENCES people(id),
  paid REAL NOT NULL DEFAULT 0,
  refunded REAL NOT NULL DEFAULT 0,
  confirmed_at INTEGER,
  confirmed_by INTEGER,
  pending REAL,
  pending_at INTEGER,
  noted REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (chain_id, okey)
);
CREATE INDEX chain_payments_person ON chain_payments(person);

-- 催款: when the unpaid were last reminded (at most once an hour per chain)
ALTER TABLE chains ADD COLUMN dunned_at INTEGER;
