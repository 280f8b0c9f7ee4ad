#!/bin/sh
# Temporal's databases and schema on PostgreSQL, before the Temporal server starts (docker-compose.yml:
# temporal-schema, image temporalio/admin-tools, which carries temporal-sql-tool and the schema files).
#
# Idempotent, and the way schema upgrades happen: every step is a no-op when already done —
#   create        CREATE DATABASE, "already exists" is accepted by the tool (postgres12 plugin)
#   setup-schema  the version tables (CREATE TABLE IF NOT EXISTS); the version is only set when still 0.0
#   update-schema applies the versioned steps above the database's current version, in order
# so running it again on an existing setup succeeds, and running it with a newer admin-tools image brings the
# schema to what that server version needs (docs/operations.md, "Upgrades").
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS is required (PostgreSQL host)}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${POSTGRES_PWD:?POSTGRES_PWD is required}"
DB_PORT="${DB_PORT:-5432}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
# the schema files of the postgres12 plugin inside the admin-tools image (temporal repository: schema/postgresql/v12)
SCHEMA_ROOT="${SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}"
MAIN_SCHEMA_DIR="$SCHEMA_ROOT/temporal/versioned"
VISIBILITY_SCHEMA_DIR="$SCHEMA_ROOT/visibility/versioned"

# temporal-sql-tool reads the password from SQL_PASSWORD; it never appears on a command line (ps, logs)
export SQL_PASSWORD="$POSTGRES_PWD"

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

for dir in "$MAIN_SCHEMA_DIR" "$VISIBILITY_SCHEMA_DIR"; do
  if [ ! -d "$dir" ]; then
    echo "temporal-schema: schema directory $dir not found in this admin-tools image" >&2
    exit 1
  fi
done

# PostgreSQL is healthy before this runs (depends_on), but a restart of it must not fail the whole setup
attempt=1
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do
  if [ "$attempt" -ge 30 ]; then
    echo "temporal-schema: PostgreSQL at $POSTGRES_SEEDS:$DB_PORT not reachable" >&2
    exit 1
  fi
  attempt=$((attempt + 1))
  sleep 2
done

setup_database() {
  db="$1"
  dir="$2"
  echo "temporal-schema: database $db"
  sql_tool --db "$db" create
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$dir"
}

setup_database "$DBNAME" "$MAIN_SCHEMA_DIR"
setup_database "$VISIBILITY_DBNAME" "$VISIBILITY_SCHEMA_DIR"
echo "temporal-schema: $DBNAME and $VISIBILITY_DBNAME are at the schema version of this admin-tools image"
