-- Records of the stateful step activities (network allocations, inventory numbers): one row per record, grouped by
-- collection. Every worker process reads and writes them here, so workers scale out; a read-decide-write sequence
-- runs under a per-collection advisory lock (store/records.ts).
CREATE TABLE activity_records (
  id bigserial PRIMARY KEY,
  collection text NOT NULL,
  -- what must never occur twice in a collection (a network range, the first number of an inventory batch): the
  -- second line of defence behind the lock. NULL for records without one.
  unique_key text,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (collection, unique_key)
);
-- a collection in the order its records were saved
CREATE INDEX activity_records_collection ON activity_records (collection, id);
