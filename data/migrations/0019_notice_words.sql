-- 通知 in the admin's own words (【紧急通知】…收到请回复1): the bot records the admin's message as a
-- notice without posting it again. source: 'command' (通知 …, 重要通知, 定时通知) or 'words' (read
-- from the admin's message); 取消通知 #N withdraws a 'words' notice whole, since it may not have
-- been meant as one.
ALTER TABLE notices ADD COLUMN source TEXT NOT NULL DEFAULT 'command';
