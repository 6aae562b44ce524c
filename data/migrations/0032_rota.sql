-- 值班 (duty rotas): shifts an admin posts in a room (a post such as 东门卡点, a start and an end,
-- how many people it needs) and the volunteers on them, by person (never by name), in arrival
-- order (id); waiting = 1 is the 候补 beyond the need. rota_settings: per room, how long before a
-- shift an uncovered one is raised to the admins (ms).
CREATE TABLE rota_shifts (
  id INTEGER PRIMARY KEY,
  room TEXT NOT NULL,
  post TEXT NOT NULL DEFAULT '',
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  need INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  created_by INTEGER REFERENCES people(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX rota_shifts_room ON rota_shifts(room, status, start_at);

CREATE TABLE rota_volunteers (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES rota_shifts(id) ON DELETE CASCADE,
  person INTEGER NOT NULL REFERENCES people(id),
  waiting INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX rota_volunteers_key ON rota_volunteers(shift_id, person);
CREATE INDEX rota_volunteers_person ON rota_volunteers(person);

CREATE TABLE rota_settings (
  room TEXT PRIMARY KEY,
  alert_before INTEGER NOT NULL
);
