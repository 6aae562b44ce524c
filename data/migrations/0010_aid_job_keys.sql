-- 物资互助 jobs are keyed `aid:<id>:<what>`. They were `aid:expire:<id>`, and cancelling by that
-- prefix for #5 also cancelled #50–#59's expiry (and #500…): those entries never expired.
UPDATE jobs SET key = 'aid:' || substr(key, 12) || ':expire' WHERE key LIKE 'aid:expire:%';
