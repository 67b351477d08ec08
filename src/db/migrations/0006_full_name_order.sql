-- Sorting by surname means surname, then first names, then id for namesakes: one expression, so
-- that a keyset page and a prefix search ("кузнецов ал") walk one index in order. It replaces the
-- two-column index, whose order could not serve a (surname, id) key: a common surname then made
-- the database sort tens of thousands of namesakes for each page.
create index persons_full_name_order_idx on persons ((lower(surname) || ' ' || coalesce(lower(first_names), '')), id);
drop index persons_surname_idx;
