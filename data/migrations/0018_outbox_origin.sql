-- The output budget: each row remembers whose command made it (NULL for jobs, admins and the bot
-- itself), so one member's commands can make the bot post only so much per minute.
ALTER TABLE outbox ADD COLUMN origin INTEGER;
CREATE INDEX outbox_origin ON outbox(origin, created_at) WHERE origin IS NOT NULL;
