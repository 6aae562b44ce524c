-- members.last_seen was rewritten on every message and read by nothing: on a busy morning it
-- dirtied a page of members for nearly every check-in, the larger part of each group commit.
-- A member row is now written only when the member appears, changes name or household, or returns.
ALTER TABLE members DROP COLUMN last_seen;
