#!/bin/sh
# The application's namespace on the Temporal server and every custom search attribute the workflows use, once the
# server is healthy (docker-compose.yml: temporal-setup, image temporalio/admin-tools with the `temporal` CLI).
# The API and the worker start only after this has succeeded.
#
# Idempotent: an existing namespace gets its retention set to TEMPORAL_RETENTION again (so changing it in .env and
# re-running `docker compose up -d` applies it), existing search attributes are checked and kept. A search attribute
# that exists with another type stops the setup: types cannot be changed in place (docs/operations.md).
set -eu

ADDRESS="${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required (host:port of the Temporal frontend)}"
NAMESPACE="${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
# how long Temporal keeps a closed run's history; the audit trail in PostgreSQL is kept independently
RETENTION="${TEMPORAL_RETENTION:-30d}"

# Name=Type of every custom search attribute, as in workflows/search-attributes.ts (SEARCH_ATTRIBUTE_DEFINITIONS);
# test/production/compose.test.ts fails when the two lists drift apart.
SEARCH_ATTRIBUTES="RunProcess=Keyword Ags=Keyword RunPhase=Keyword RunHealth=Keyword RunProgress=Int TargetGoLive=Datetime"

log() { echo "temporal-setup: $*"; }

# retry <attempts> <what> <command…>: the server answers health checks a little before every service is ready,
# and a namespace created a moment ago reaches the other services' caches within seconds. (`set -e` does not apply
# inside a command tested by `until` or `||`: the functions below return their failures explicitly.)
retry() {
  attempts="$1"
  what="$2"
  shift 2
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      log "$what failed after $n attempts" >&2
      return 1
    fi
    n=$((n + 1))
    sleep 3
  done
}

cluster_healthy() { temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; }
namespace_exists() { temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; }
search_attribute_list() { temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS"; }
namespace_usable() { search_attribute_list >/dev/null 2>&1; }

log "waiting for the Temporal server at $ADDRESS"
retry 60 "cluster health" cluster_healthy

create_or_update_namespace() {
  if namespace_exists; then
    temporal operator namespace update --namespace "$NAMESPACE" --retention "$RETENTION" --address "$ADDRESS" >/dev/null || return 1
    log "namespace $NAMESPACE exists, retention set to $RETENTION"
  else
    # a concurrent run may have created it in between: then the next attempt takes the branch above
    temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" \
      --description "Gemeinde-Onboarding workflow engine" --address "$ADDRESS" >/dev/null || return 1
    log "namespace $NAMESPACE created with retention $RETENTION"
  fi
}
retry 20 "namespace $NAMESPACE" create_or_update_namespace
retry 20 "namespace $NAMESPACE to become usable" namespace_usable

register() {
  name="$1"
  type="$2"
  existing="$(search_attribute_list | grep -w -- "$name" || true)"
  if [ -n "$existing" ]; then
    # the CLI prints the type as `Keyword` or `INDEXED_VALUE_TYPE_KEYWORD`, depending on its version
    if printf '%s\n' "$existing" | grep -qi -- "$type"; then
      log "search attribute $name ($type) already registered"
      return 0
    fi
    log "search attribute $name exists with another type: $existing (expected $type)" >&2
    return 2
  fi
  temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" --address "$ADDRESS" >/dev/null || return 1
  log "search attribute $name ($type) registered"
}

for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  type="${pair#*=}"
  status=0
  register "$name" "$type" || status=$?
  if [ "$status" -eq 2 ]; then exit 1; fi
  if [ "$status" -ne 0 ]; then retry 10 "search attribute $name" register "$name" "$type"; fi
done

# the final word: every attribute is listed now
listed="$(search_attribute_list)"
for pair in $SEARCH_ATTRIBUTES; do
  name="${pair%%=*}"
  if ! printf '%s\n' "$listed" | grep -qw -- "$name"; then
    log "search attribute $name is still missing" >&2
    exit 1
  fi
done
log "namespace $NAMESPACE ready: $SEARCH_ATTRIBUTES"
