-- A person is neither a contact id (ids change at every fresh login) nor a name (anyone can take a
-- neighbour's nickname): Linli keeps its own key. Within a login it is bound to the contact id;
-- after a fresh login it is bound again from what survives (src/people.ts). Members, households,
-- admins and every family's records hang on it.
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  -- the WeChat name last seen (display only, and a hint for binding again after a re-login)
  wx_name TEXT NOT NULL,
  -- the contact id in login epoch `epoch`; a person not yet seen in this login has an older epoch
  contact_id TEXT,
  epoch INTEGER,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX people_contact ON people(epoch, contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX people_wx ON people(wx_name);

-- Existing data knew people by WeChat name only: one person per name is the best guess there is.
INSERT INTO people (wx_name, created_at)
  SELECT wx_name, 0 FROM (SELECT wx_name FROM members UNION SELECT wx_name FROM registrations UNION SELECT name FROM admins)
  ORDER BY wx_name;

-- Members of a room by person: two neighbours may show the same name in one room.
CREATE TABLE members_by_person (
  room TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  name TEXT NOT NULL,
  wx_name TEXT NOT NULL,
  household TEXT,
  present INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (room, person)
);
INSERT OR IGNORE INTO members_by_person (room, person, name, wx_name, household, present)
  SELECT m.room, p.id, m.name, m.wx_name, m.household, m.present FROM members m JOIN people p ON p.wx_name = m.wx_name;
DROP TABLE members;
ALTER TABLE members_by_person RENAME TO members;
CREATE INDEX members_name ON members(room, name);
CREATE INDEX members_person ON members(person);

-- `登记 3-2-501` binds a person to a household; a household someone else holds needs their (or an
-- admin's) confirmation first: the claim waits in registration_claims.
CREATE TABLE registrations_by_person (
  person INTEGER PRIMARY KEY REFERENCES people(id),
  household TEXT NOT NULL,
  at INTEGER NOT NULL
);
INSERT OR IGNORE INTO registrations_by_person (person, household, at)
  SELECT p.id, r.household, r.at FROM registrations r JOIN people p ON p.wx_name = r.wx_name;
DROP TABLE registrations;
ALTER TABLE registrations_by_person RENAME TO registrations;
CREATE INDEX registrations_household ON registrations(household);

CREATE TABLE registration_claims (
  id INTEGER PRIMARY KEY,
  person INTEGER NOT NULL REFERENCES people(id),
  household TEXT NOT NULL,
  holder INTEGER NOT NULL REFERENCES people(id),
  room TEXT,
  at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused'))
);

-- Admin rights belong to the person; the token (the bot's remark on their contact) binds them
-- again after a re-login, and only the token does.
ALTER TABLE admins ADD COLUMN person INTEGER REFERENCES people(id);
UPDATE admins SET person = (SELECT id FROM people WHERE wx_name = admins.name);

-- Failed enrolment codes count per person.
DROP TABLE enrol_failures;
CREATE TABLE enrol_failures (
  person INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX enrol_failures_person ON enrol_failures(person, at);

-- The outbox addresses people, not names: a private message goes to the person's contact id of
-- this login (or waits), mentions carry the person of each name.
ALTER TABLE outbox ADD COLUMN to_person INTEGER;
-- replaced by to_person (and, for admins, by admins.person)
ALTER TABLE outbox DROP COLUMN person;
ALTER TABLE outbox DROP COLUMN remark;
ALTER TABLE admins DROP COLUMN session_id;
ALTER TABLE admins DROP COLUMN session_epoch;
