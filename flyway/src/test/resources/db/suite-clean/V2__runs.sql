create table runs (id int primary key, job_id int references jobs (id));
