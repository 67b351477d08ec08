-- The full-name order in byte order (collation "C") whatever the database's collation: PostgreSQL
-- serves a LIKE prefix ("кузнецов ал%") from a btree only under "C", and a server created with
-- C.UTF-8 or a national locale scanned the whole register instead (2 s at a million persons).
-- PGlite already orders this way, so both databases now list the register alike.
create index persons_full_name_c_idx on persons (((lower(surname) || ' ' || coalesce(lower(first_names), '')) collate "C"), id);
drop index persons_full_name_order_idx;
