create extension if not exists postgis;
create table places (
  id integer primary key,
  name text not null,
  location geometry(Point, 4326) not null
);
