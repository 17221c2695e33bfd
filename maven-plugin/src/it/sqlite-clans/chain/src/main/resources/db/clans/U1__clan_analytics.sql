DROP TABLE war_log_v1;
DROP TABLE member_snapshots;
DROP TABLE clan_members;
DROP TABLE players;
