-- 接龙 records hang on people (0012): the owner of a chain, and the person of each order. An
-- order typed as text is keyed `p:<person>`; a line of WeChat's own 接龙 stays keyed by its entry
-- and remembers the person whose copy added it.
ALTER TABLE chains ADD COLUMN owner_person INTEGER REFERENCES people(id);
UPDATE chains SET owner_person = COALESCE(
  (SELECT id FROM people WHERE wx_name = chains.owner_wx),
  (SELECT person FROM members WHERE room = chains.room AND name = chains.owner LIMIT 1));
ALTER TABLE chains DROP COLUMN owner_wx;
ALTER TABLE chains DROP COLUMN owner_sig;

ALTER TABLE chain_orders ADD COLUMN person INTEGER REFERENCES people(id);
UPDATE chain_orders SET person = (SELECT m.person FROM members m JOIN chains c ON c.id = chain_orders.chain_id
  WHERE m.room = c.room AND m.name = chain_orders.member LIMIT 1);
UPDATE OR IGNORE chain_orders SET okey = 'p:' || person WHERE okey LIKE 'm:%' AND person IS NOT NULL;
CREATE INDEX chain_orders_person ON chain_orders(person);
