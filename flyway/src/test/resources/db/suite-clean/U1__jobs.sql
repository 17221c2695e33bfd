drop table jobs;
drop type state;
