-- stands for a statement that holds the table for a while on production data
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
SELECT pg_sleep(0.8);
