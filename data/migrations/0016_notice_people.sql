-- 通知 records hang on people (0012): the author of a notice or reminder, and each 收到 (one per
-- person per room: a neighbour who takes someone's nickname answers for herself only).
ALTER TABLE notices ADD COLUMN author_person INTEGER REFERENCES people(id);
UPDATE notices SET author_person = (SELECT a.person FROM admins a WHERE a.name = notices.author LIMIT 1);
UPDATE notices SET author_person = (SELECT person FROM members WHERE name = notices.author LIMIT 1) WHERE author_person IS NULL;
ALTER TABLE notice_reminders ADD COLUMN author_person INTEGER REFERENCES people(id);
UPDATE notice_reminders SET author_person = (SELECT a.person FROM admins a WHERE a.name = notice_reminders.author LIMIT 1);

CREATE TABLE notice_acks_by_person (
  notice_id INTEGER NOT NULL REFERENCES notices(id),
  room TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  member TEXT NOT NULL,
  at INTEGER NOT NULL,
  how TEXT NOT NULL,
  PRIMARY KEY (notice_id, room, person)
);
INSERT OR IGNORE INTO notice_acks_by_person (notice_id, room, person, member, at, how)
  SELECT a.notice_id, a.room, m.person, a.member, a.at, a.how FROM notice_acks a
  JOIN members m ON m.room = a.room AND m.name = a.member;
DROP TABLE notice_acks;
ALTER TABLE notice_acks_by_person RENAME TO notice_acks;
