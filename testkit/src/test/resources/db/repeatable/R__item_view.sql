create or replace view item_prices as select id, price, currency from items;
