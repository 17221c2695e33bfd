ALTER TABLE signups VALIDATE CONSTRAINT signups_role_known;
