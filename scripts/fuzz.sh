#!/usr/bin/env bash
# Fuzzes the HTTP API with schemathesis (PyPI) from the API's own /openapi.json: starts a fresh embedded system
# (own data directory and ports), sends generated valid and invalid requests with a project lead's demo token, and
# fails on any 5xx, any answer that breaks the documented schema, status, content type or headers, and any
# documented-invalid request the API accepts. Stops the system again, whatever happened.
# scripts/fuzz.toml says which checks are adjusted and why.
#
#   bash scripts/fuzz.sh                 # default budget (FUZZ_MAX_EXAMPLES=25 per operation)
#   FUZZ_MAX_EXAMPLES=100 bash scripts/fuzz.sh
#
# Reports (JUnit, NDJSON) land in test-artifacts/schemathesis/.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=4.32.5
VENV=.tools/schemathesis
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-25}
TOKEN=${FUZZ_TOKEN:-demo-a.gruber}
REPORTS=test-artifacts/schemathesis

if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "Installing schemathesis $SCHEMATHESIS_VERSION into $VENV …"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'; }
PORT=$(free_port)
TEMPORAL_PORT=$(free_port)
TEMPORAL_UI_PORT=$(free_port)
DATA_DIR=$(mktemp -d -t ku-fuzz-XXXXXX)
SERVER_LOG="$DATA_DIR/server.log"
BASE="http://127.0.0.1:$PORT"

server_pid=""
stop() {
  # the server's log stays with the reports: a finding's request id leads to its cause there
  [ -f "$SERVER_LOG" ] && mkdir -p "$REPORTS" && cp "$SERVER_LOG" "$REPORTS/server.log"
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$DATA_DIR"
}
trap stop EXIT

echo "Starting the system on $BASE (data in $DATA_DIR) …"
# Limits far above what the fuzzer sends: it tests the API, not the rate limiter (test/api/hardening.test.ts does).
NODE_ENV=development PORT=$PORT HOST=127.0.0.1 DATA_DIR=$DATA_DIR TEMPORAL_PORT=$TEMPORAL_PORT TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT \
  RATE_LIMIT_PER_MINUTE=10000000 RATE_LIMIT_PER_MINUTE_PER_ADDRESS=10000000 LOG_LEVEL=${FUZZ_LOG_LEVEL:-warn} \
  node node_modules/ts-node/dist/bin.js --transpile-only scripts/start.ts >"$SERVER_LOG" 2>&1 &
# node itself, not an npx wrapper: SIGTERM must reach start.ts, which then stops the worker and the Temporal server
server_pid=$!

for i in $(seq 1 240); do
  if curl -fsS "$BASE/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then echo "The system did not start:"; cat "$SERVER_LOG"; exit 1; fi
  if [ "$i" -eq 240 ]; then echo "The system was not ready after 120 s:"; cat "$SERVER_LOG"; exit 1; fi
  sleep 0.5
done
# Something to find: the onboarding of Kaufering, whose ids the document's examples name (runs, tasks, steps).
target=$(node -e 'console.log(new Date(Date.now() + 600 * 86400000).toISOString().slice(0, 10))')
curl -fsS -o /dev/null -X POST "$BASE/api/v1/runs" -H "Authorization: Bearer demo-a.gruber" -H 'Content-Type: application/json' \
  -d "{\"process\":\"gemeinde-onboarding\",\"input\":{\"ags\":\"09181128\",\"variant\":\"mitglied\",\"targetGoLive\":\"$target\",\"projectLead\":\"a.gruber\",\"verfahren\":[\"ok-fis\",\"ok-ewo\"],\"workstations\":12}}"
echo "Ready, sample onboarding started. Fuzzing with up to $MAX_EXAMPLES cases per operation …"

mkdir -p "$REPORTS"
ROOT=$(pwd)
set +e
# run from the reports folder: schemathesis keeps its crash cache (for `st replay`) in the working directory
(cd "$REPORTS" && "$ROOT/$VENV/bin/schemathesis" --config-file "$ROOT/scripts/fuzz.toml" run "$BASE/openapi.json" \
  --url "$BASE" \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$MAX_EXAMPLES" \
  --seed "${FUZZ_SEED:-4242}" \
  --generation-database none \
  --workers 1 \
  --request-timeout 30 \
  --report junit,ndjson --report-dir . \
  --warnings missing_auth)
status=$?
set -e

if grep -q '"level":50' "$SERVER_LOG"; then
  echo "The server logged errors during the run:"
  grep '"level":50' "$SERVER_LOG" | head -20
  status=1
fi
exit $status
