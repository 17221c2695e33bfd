-- Data migration: roles were typed by hand (' Tank', 'HEALER'); keep the three the planner knows, in lower case.
-- The check is added NOT VALID and validated by V4, so the live table is not scanned under an exclusive lock.
UPDATE signups SET role = lower(btrim(role)) WHERE role <> lower(btrim(role));
UPDATE signups SET role = 'dps' WHERE role NOT IN ('tank', 'healer', 'dps');
ALTER TABLE signups ADD CONSTRAINT signups_role_known CHECK (role IN ('tank', 'healer', 'dps')) NOT VALID;
