#!/usr/bin/env bash
# Property-based fuzzing of the API from its own OpenAPI document with Schemathesis (`npm run fuzz`).
# Not part of `npm test`: it needs PyPI once (a pinned Schemathesis in .venv-fuzz/) and takes minutes.
#
# It starts everything it uses and stops it on exit: its own Neo4j (the tools/db.ts launcher, a free
# port from 7801 up, a fresh data dir), migrations, the seed, the API on a free port from 3801 up and
# an admin key; then three bounded runs, loopback only:
#   1. conformance: 5xx, undocumented status codes or content types, bodies off the documented schema;
#   2. all checks (negative data, unsupported methods, auth, stateful links, …), with the exceptions
#      in the generated schemathesis.toml (each says why);
#   3. DELETE /v1/api-keys/{id} alone, without the stateful phase (runs 1–2 leave it out: their
#      stateful phase would find the run's own admin key in GET /v1/api-keys and revoke it).
# Exit status: 0 when every run passed.
#
# Environment: FUZZ_MAX_EXAMPLES (default 30), FUZZ_SEED (default: random), PYTHON (interpreter for
# the venv; default the newest python3.1x found), FUZZ_KEEP=1 keeps the work dir (logs, reports).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.venv-fuzz"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-30}"
SEED="${FUZZ_SEED:-$RANDOM$RANDOM}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/roadmap-fuzz.XXXXXX")"
DB_NAME=fuzz
DB_DATA="$WORK/neo4j/data"

log() { printf '[fuzz] %s\n' "$*" >&2; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for port in $(seq "$1" "$2"); do
    if port_is_free "$port"; then echo "$port"; return 0; fi
  done
  log "no free port in $1–$2"; return 1
}

API_PID=
DB_PORT=
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  if [[ -n "$DB_PORT" ]]; then
    npx --no-install tsx tools/db.ts stop --name "$DB_NAME" --port "$DB_PORT" --data "$DB_DATA" >/dev/null 2>&1 || true
  fi
  if [[ "${FUZZ_KEEP:-}" == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- Schemathesis in its own venv ----
if [[ -z "${PYTHON:-}" ]]; then
  # Newest first: CPython 3.11.7 crashes inside Hypothesis's lambda-source parsing ("AST constructor
  # recursion depth mismatch") on this API's schemas.
  candidates=(python3.13 python3.12)
  if command -v pyenv >/dev/null 2>&1; then
    mapfile -t -O 2 candidates < <(ls -d "$(pyenv root)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
  fi
  candidates+=(python3)
  for candidate in "${candidates[@]}"; do
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; then PYTHON="$candidate"; break; fi
  done
  [[ -n "${PYTHON:-}" ]] || { log "Schemathesis needs Python 3.10 or newer"; exit 1; }
fi
if [[ ! -x "$VENV/bin/st" ]] || ! "$VENV/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  log "installing schemathesis==$SCHEMATHESIS_VERSION into .venv-fuzz/ ($("$PYTHON" --version))"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

# ---- Neo4j, schema, seed, API, key ----
DB_PORT="$(free_port 7801 7899)"
API_PORT="$(free_port 3801 3899)"
export NEO4J_URI="bolt://127.0.0.1:$DB_PORT"
log "Neo4j on $NEO4J_URI (data $DB_DATA)"
npx --no-install tsx tools/db.ts start --name "$DB_NAME" --port "$DB_PORT" --data "$DB_DATA" >/dev/null
npx --no-install tsx src/db/migrate-cli.ts >"$WORK/migrate.log" 2>&1
npx --no-install tsx src/seed/cli.ts >"$WORK/seed.log" 2>&1

log "API on http://127.0.0.1:$API_PORT (log $WORK/api.log)"
HOST=127.0.0.1 PORT="$API_PORT" LOG_LEVEL=warn node --import tsx src/server.ts >"$WORK/api.log" 2>&1 &
API_PID=$!
BASE="http://127.0.0.1:$API_PORT"
for _ in $(seq 1 120); do
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" || true)" == 200 ]]; then break; fi
  kill -0 "$API_PID" 2>/dev/null || { log "the API exited:"; tail -20 "$WORK/api.log" >&2; exit 1; }
  sleep 0.5
done

KEY="$(npx --no-install tsx src/db/key-create-cli.ts --name fuzz --role admin 2>/dev/null | tail -n 1)"
[[ "$KEY" == rk_* ]] || { log "could not create the admin key"; exit 1; }

# ---- Schemathesis configuration: the accepted deviations, each with its reason ----
cat >"$WORK/schemathesis.toml" <<'TOML'
# GET /v1/changes/stream never ends by itself: read one event, or give up after 2 s.
max-stream-events = 1

# No state left in the repository between runs (each run has a fresh database anyway).
[cache]
enabled = false

[checks]
enabled = true

# 412: a well-formed If-Match that names an older revision is refused by design (optimistic locking).
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "412", "429", "5xx"]

# Rules the OpenAPI document cannot express (each operation's description states them), so some
# schema-valid requests are rightly 400: a NEW link needs `source` (PUT links), `derived` and the
# filters depend on the pivot (matrix), a CSV body must be a CSV with the import header (imports).
[[operations]]
include-path-regex = "^/v1/(action-lines/\\{id\\}/(facilitators|commitments|sdg-targets)|gdc/commitments/\\{id\\}/responsible)/"
checks.positive_data_acceptance.enabled = false

[[operations]]
include-path = ["/v1/matrix", "/v1/imports"]
checks.positive_data_acceptance.enabled = false

[[operations]]
include-path = "/v1/changes/stream"
request-timeout = 2
TOML

st() {
  "$VENV/bin/st" --config-file "$WORK/schemathesis.toml" run "$BASE/openapi.json" \
    --header "Authorization: Bearer $KEY" --max-examples "$MAX_EXAMPLES" --seed "$SEED" \
    --request-timeout 10 --workers 2 "$@"
}

failed=0
log "run 1/3: conformance checks (seed $SEED, max $MAX_EXAMPLES examples per operation)"
st --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path '/v1/api-keys/{id}' --report junit --report-junit-path "$WORK/conformance.xml" || failed=1

log "run 2/3: all checks"
st --exclude-path '/v1/api-keys/{id}' --report junit --report-junit-path "$WORK/all-checks.xml" || failed=1

log "run 3/3: DELETE /v1/api-keys/{id} (all checks, no stateful phase)"
st --include-path '/v1/api-keys/{id}' --phases examples,coverage,fuzzing \
  --report junit --report-junit-path "$WORK/api-key-revoke.xml" || failed=1

if [[ "$failed" == 0 ]]; then log "all runs passed (seed $SEED)"; else log "failures above; same inputs again: FUZZ_SEED=$SEED npm run fuzz"; fi
exit "$failed"
