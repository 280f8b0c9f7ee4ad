#!/bin/sh
# The application's own database and role, next to Temporal's databases in the same PostgreSQL server.
#
# Mounted into /docker-entrypoint-initdb.d/ (docker-compose.yml), so the postgres image runs it once, when the data
# volume is initialised. It is idempotent and may be run again by hand, e.g. after changing APP_DB_PASSWORD
# (docs/operations.md):
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-app-db.sh
#
# The role owns its database and nothing else: it is not a superuser, cannot create roles or databases, and other
# roles (except superusers) cannot connect to its database. The application creates its tables itself on start
# (store/migrations). Temporal's databases are created by deploy/temporal/schema.sh.
#
# The body runs in a subshell: the postgres entrypoint *sources* init scripts that are not executable, and nothing
# here may change its shell options or variables.
(
set -eu

: "${APP_DB_NAME:?APP_DB_NAME is required (name of the application database)}"
: "${APP_DB_USER:?APP_DB_USER is required (role the application connects as)}"
: "${APP_DB_PASSWORD:?APP_DB_PASSWORD is required (password of that role)}"

# psql variables, not shell interpolation into SQL: names are quoted with %I, the password with %L
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  --set=app_db="$APP_DB_NAME" --set=app_user="$APP_DB_USER" --set=app_password="$APP_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'app_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')
\gexec
-- every run sets the password, so a changed APP_DB_PASSWORD takes effect when this script is run again
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'app_user', :'app_password')
\gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'app_db', :'app_user', 'UTF8')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_db')
\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'app_db', :'app_user')
\gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'app_db')
\gexec
SQL

echo "init-app-db: database \"$APP_DB_NAME\" owned by role \"$APP_DB_USER\" is in place"
)
