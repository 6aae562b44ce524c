-- 接龙 跟团号: each household's (or, without a known household, each order key's) first order in
-- a chain gets the next number 1, 2, 3 …; the number is kept when the order is changed, or
-- cancelled and placed again, and never given to anyone else. chain_numbers remembers who holds
-- which number (a holder is `h:<household>` or `o:<okey>`; one number can have both), so a
-- cancelled order's number survives its row. Existing orders are numbered in order of first order.
CREATE TABLE chain_numbers (
  chain_id INTEGER NOT NULL REFERENCES chains(id) ON DELETE CASCADE,
  holder TEXT NOT NULL,
  no INTEGER NOT NULL,
  PRIMARY KEY (chain_id, holder)
) WITHOUT ROWID;

ALTER TABLE chain_orders ADD COLUMN no INTEGER;

INSERT INTO chain_numbers (chain_id, holder, no)
SELECT chain_id, holder, ROW_NUMBER() OVER (PARTITION BY chain_id ORDER BY first_id)
FROM (SELECT chain_id, COALESCE('h:' || household, 'o:' || okey) AS holder, MIN(id) AS first_id
      FROM chain_orders GROUP BY chain_id, COALESCE('h:' || household, 'o:' || okey));

UPDATE chain_orders SET no = (SELECT n.no FROM chain_numbers n WHERE n.chain_id = chain_orders.chain_id
  AND n.holder = COALESCE('h:' || chain_orders.household, 'o:' || chain_orders.okey));

-- an order of a household also answers to its own key (the household may be forgotten later)
INSERT OR IGNORE INTO chain_numbers (chain_id, holder, no)
SELECT chain_id, 'o:' || okey, no FROM chain_orders WHERE no IS NOT NULL;
