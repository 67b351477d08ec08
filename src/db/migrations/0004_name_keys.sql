-- Name keys (src/names/key.ts) beside each person: one key for all Ukrainian, Russian and Latin
-- spellings of a name, so search finds a person whatever alphabet the operator types in.
-- Existing rows are keyed by the application after migrating (src/search/backfill.ts), since the
-- key is computed in TypeScript.
alter table persons add column surname_key text;
alter table persons add column first_names_key text;
alter table persons add column patronymic_key text;

-- surname and given name together (either order is tried by the query)
create index persons_name_key_idx on persons (surname_key, first_names_key);
-- similar spellings of a surname (typing errors), nearest first
create index persons_surname_key_trgm_idx on persons using gist (surname_key gist_trgm_ops);
-- persons whose keys are still to be computed
create index persons_unkeyed_idx on persons (id) where surname_key is null;
