-- a deployment's own choice: the key references the hierarchy's root, which every person has a row in
alter table ticket drop constraint ticket_holder_id_fkey;
alter table ticket add constraint ticket_holder_id_fkey foreign key (holder_id) references party (id);
