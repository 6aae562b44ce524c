-- Pictures and files kept with notices and check-ins (bytes on disk under LINLI_ATTACHMENT_DIR; these
-- rows say what they are). notice_files: an admin's image or PDF sent right after a notice goes with
-- it (notice-<notice>/<id>), sent again with every repeat. checkin_files: a resident's photo (an
-- antigen strip) sent right after their check-in belongs to that day's record (checkin/<id>); health
-- data, purged with the check-ins by checkin.retention, file and row.
CREATE TABLE notice_files (
  id INTEGER PRIMARY KEY,
  notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  person INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX notice_files_notice ON notice_files (notice_id, id);

CREATE TABLE checkin_files (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  day TEXT NOT NULL,
  person INTEGER NOT NULL REFERENCES people(id),
  member TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX checkin_files_day ON checkin_files (day, room, person);
