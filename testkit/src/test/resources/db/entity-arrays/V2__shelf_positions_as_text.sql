-- a change the entity does not follow: its long[] now lands in a text array
alter table shelves alter column positions type text[] using positions::text[];
