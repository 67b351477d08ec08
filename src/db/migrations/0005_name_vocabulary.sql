-- Every distinct name key in the register, once: the vocabulary a search word with a typing error is
-- matched against (nearest keys by trigrams), before persons are fetched by the keys found. Kept by
-- statement-level triggers, so registration, import, correction and backfill all feed it.
create table name_vocabulary (key text primary key);
create index name_vocabulary_trgm_idx on name_vocabulary using gist (key gist_trgm_ops);

create function parley_add_name_keys() returns trigger language plpgsql as $$
begin
  insert into name_vocabulary (key)
    select k from (select surname_key as k from new_rows union select first_names_key from new_rows) keys
    where k is not null and k <> ''
  on conflict do nothing;
  return null;
end $$;

create trigger persons_name_keys_insert after insert on persons
  referencing new table as new_rows for each statement execute function parley_add_name_keys();
create trigger persons_name_keys_update after update on persons
  referencing new table as new_rows for each statement execute function parley_add_name_keys();

insert into name_vocabulary (key)
  select k from (select surname_key as k from persons union select first_names_key from persons) keys
  where k is not null and k <> ''
on conflict do nothing;

-- a surname with the birth years around a date of birth given in the query
create index persons_surname_key_year_idx on persons (surname_key, birth_year);
