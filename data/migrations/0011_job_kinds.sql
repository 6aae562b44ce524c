-- Job kinds follow `family.verb` and never share a name with a command (the registry checks both
-- at start): rename the kinds of jobs already scheduled. Keys and payloads are unchanged.
UPDATE jobs SET kind = 'chain.close-at-deadline' WHERE kind = 'chain.close';
UPDATE jobs SET kind = 'chain.remind-deadline' WHERE kind = 'chain.remind';
UPDATE jobs SET kind = 'checkin.daily-stats' WHERE kind = 'checkin.stats';
UPDATE jobs SET kind = 'checkin.iso-ask' WHERE kind = 'checkin.isoAsk';
UPDATE jobs SET kind = 'checkin.iso-miss' WHERE kind = 'checkin.isoMiss';
UPDATE jobs SET kind = 'checkin.iso-end' WHERE kind = 'checkin.isoEnd';
UPDATE jobs SET kind = 'notice.publish' WHERE kind = 'notice.post';
