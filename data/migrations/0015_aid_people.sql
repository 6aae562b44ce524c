-- 物资互助 entries hang on people (0012): the one who posted it, and the one who claimed an offer
-- (or, for a request being filled, the offerer).
ALTER TABLE aid_entries ADD COLUMN person INTEGER REFERENCES people(id);
ALTER TABLE aid_entries ADD COLUMN claimed_person INTEGER REFERENCES people(id);
UPDATE aid_entries SET person = (SELECT person FROM members m WHERE m.room = aid_entries.room AND m.name = aid_entries.member LIMIT 1);
UPDATE aid_entries SET claimed_person = (SELECT person FROM members m WHERE m.room = aid_entries.room AND m.name = aid_entries.claimed_by LIMIT 1)
  WHERE claimed_by IS NOT NULL;
CREATE INDEX aid_entries_person ON aid_entries(person, status);
