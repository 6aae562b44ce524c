-- When an admin last reminded a notice's non-ackers by hand (提醒 #N or the dashboard): a second
-- manual reminder within the interval is refused (commands/notice/status.ts remindPending).
ALTER TABLE notices ADD COLUMN nudged_at INTEGER;
