-- nothing reads war_log_v1 any more (checked in the query log for 90 days)
DROP TABLE war_log_v1;
