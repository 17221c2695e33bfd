create index jobs_state on jobs (state);
