-- Indexes that let every sort and filter of the register page read only the rows it shows, at a
-- million persons: keyset pagination walks an index in order instead of sorting the table.

-- the default order (newest registration first) with its tie-breaker
create index persons_register_order_idx on persons (register_number, id);
-- sort by date of birth, partial dates included as written
create index persons_birth_order_idx on persons ((coalesce(date_of_birth, '')), id);
-- one facility's persons in register order
create index persons_facility_order_idx on persons (facility_id, register_number, id);
-- surname prefix search (LIKE 'коз%'), as written and in Latin letters, whatever the collation
create index persons_surname_prefix_idx on persons (lower(surname) text_pattern_ops);
create index persons_surname_latin_prefix_idx on persons (lower(surname_latin) text_pattern_ops);
