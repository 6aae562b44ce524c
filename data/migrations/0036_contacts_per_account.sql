-- A person's contact id belongs to one WeChat account's login: in a district several accounts (bot
-- processes on one PostgreSQL) see the same neighbour under different ids. Bindings move from
-- people(contact_id, epoch) to one row per account and person; '' is the account of a single bot.
-- A row with contact_id NULL is a person held out in that login (src/people.ts).
CREATE TABLE contacts (
  account TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  contact_id TEXT,
  epoch INTEGER NOT NULL,
  PRIMARY KEY (account, person)
);
CREATE UNIQUE INDEX contacts_id ON contacts(account, epoch, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX contacts_contact ON contacts(account, contact_id);
INSERT INTO contacts (account, person, contact_id, epoch)
  SELECT '', id, contact_id, epoch FROM people WHERE epoch IS NOT NULL;
DROP INDEX people_contact;
ALTER TABLE people DROP COLUMN contact_id;
ALTER TABLE people DROP COLUMN epoch;
