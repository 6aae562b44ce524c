-- 体温打卡 records hang on people (0012): one record per person per room and day, so a neighbour
-- who takes someone's nickname files her own reading, never replaces his.
ALTER TABLE checkin_records ADD COLUMN person INTEGER REFERENCES people(id);
UPDATE checkin_records SET person = (SELECT person FROM members m WHERE m.room = checkin_records.room AND m.name = checkin_records.member LIMIT 1);
-- records whose member is no longer known get a person of their own, so none is lost
INSERT INTO people (wx_name, created_at) SELECT DISTINCT member, 0 FROM checkin_records WHERE person IS NULL;
UPDATE checkin_records SET person = (SELECT MAX(id) FROM people WHERE wx_name = checkin_records.member) WHERE person IS NULL;
DROP INDEX checkin_records_current;
CREATE UNIQUE INDEX checkin_records_current ON checkin_records(room, day, person) WHERE superseded = 0;
