-- A district serves many compounds (小区): an admin names a group's community (`本群小区 阳光花园`,
-- commands/district/), and the dashboard lists and filters rooms by it. NULL: not named yet.
ALTER TABLE rooms ADD COLUMN community TEXT;
