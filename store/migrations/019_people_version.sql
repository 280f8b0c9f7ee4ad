-- A number that changes with every write to people (issue 19). The worker addresses mail by the people store's
-- list and used to read the whole table for each batch of notifications: a state-wide directory of thousands of
-- people, read and indexed again every few seconds. The store (store/people.ts) now keeps the list and reads this
-- one row instead, and the table again only when the number has changed. A statement trigger, so that a sync of
-- thousands of people counts once, and so that no write to people (the store's, an operator's) can forget it.
CREATE TABLE people_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO people_version (version) VALUES (0);

CREATE FUNCTION people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people_version SET version = version + 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER people_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION people_changed();
