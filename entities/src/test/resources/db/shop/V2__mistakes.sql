-- Mistakes that break the service of the bookshop model, one per kind of mapping; each must be found.
alter table book drop column blurb;
alter table book add column blurb text;                               -- @Lob read as a large object
alter table parcel alter column weight_kg drop not null;               -- a double loads NULL
alter table customer add column referral_code varchar(20) not null;    -- no entity writes it
alter table review rename column posted_at to published_at;            -- the entity's column is gone
alter table order_line alter column amount type numeric(10,2);         -- the precision the entity declares
alter table search_profile alter column viewed_book_ids type integer[];
alter table search_profile alter column preferences type text;         -- JSON in text
alter table subscription alter column plan type varchar(5);            -- MONTHLY does not fit
create domain small_cents as integer;
alter table settlement alter column amount_cents type small_cents;     -- a long in an integer domain
drop index audit_event_id;                                             -- nothing keeps the id unique
alter table wishlist_book drop constraint wishlist_book_book_id_fkey;
alter sequence author_seq increment by 50;                             -- allocationSize = 1
alter table exchange_rate drop constraint exchange_rate_from_currency_to_currency_day_key;
drop index category_slug_idx;
alter table notification drop column kind;                             -- the discriminator
alter table book alter column format type varchar(16);                 -- an ordinal in text
alter table purchase_order alter column status drop default;
alter table purchase_order alter column status type integer using 0;    -- a named enum in a number
alter table customer drop column shipping_city;                        -- an overridden embedded column
alter table gift_card drop column version;                             -- the optimistic lock
