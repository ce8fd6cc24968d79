#!/bin/sh
# Registers every Kafka Connect connector configuration found in $CONNECTORS_DIR (*.json, each in the
# Connect REST API form {"name": ..., "config": {...}}) with PUT /connectors/<name>/config, which
# creates the connector or updates it: running this again is harmless.
#
# Then it retires our connectors (named switchboard-*-outbox) that no longer have a file, e.g. reporting's
# (that service writes no events): each is deleted together with its replication slot. A slot that no
# connector reads keeps every WAL segment from its position on, until the database's disk is full.
# Debezium drops its slot when a connector with slot.drop.on.stop=true stops orderly, so the connector
# gets that setting, its task is restarted with it, and then the connector is deleted.
#
# Used by the local launcher (deploy/local/switchboard), by docker-compose.yml (service connect-init,
# curlimages/curl) and by the Kubernetes Job switchboard-connect-init (deploy/k8s/kafka-connect.yaml).
# Needs only sh, awk, sed and curl.
#
#   CONNECT_URL     Kafka Connect REST API (default http://connect:8083)
#   CONNECTORS_DIR  directory with the connector JSON files (default /connectors)
#   WAIT_FOR_URLS   space-separated URLs that must answer 2xx first, e.g. the services' readiness
#                   endpoints: a service creates its event_store table (Flyway) at start-up, and a
#                   connector whose table does not exist yet fails to create its publication.
#   WAIT_SECONDS    how long to wait for Connect and WAIT_FOR_URLS (default 600)
set -eu

CONNECT_URL="${CONNECT_URL:-http://connect:8083}"
CONNECTORS_DIR="${CONNECTORS_DIR:-/connectors}"
WAIT_FOR_URLS="${WAIT_FOR_URLS:-}"
WAIT_SECONDS="${WAIT_SECONDS:-600}"

log() { echo "connect-init: $*"; }
deadline=$(( $(date +%s) + WAIT_SECONDS ))

wait_for() {
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$1 did not answer within ${WAIT_SECONDS}s" >&2; exit 1; fi
    sleep 3
  done
  log "$1 is up"
}

# Prints the top-level member $1 of the JSON document on stdin: a string member's content, or an
# object member's JSON text. It tracks nesting and strings, so a nested key of the same name (or
# the member order) does not matter. Exits 1 if there is no such member.
json_member() {
  awk -v want="$1" '
    { doc = doc $0 "\n" }
    END {
      n = length(doc); depth = 0; instr = 0; key = ""; tok = ""; colon = 0; start = 0
      for (i = 1; i <= n; i++) {
        c = substr(doc, i, 1)
        if (instr) {
          if (c == "\\") { tok = tok c substr(doc, i + 1, 1); i++; continue }
          if (c == "\"") {
            instr = 0
            if (depth == 1) {
              if (colon && key == want) { print tok; found = 1; break }
              if (!colon) key = tok
            }
            continue
          }
          tok = tok c
          continue
        }
        if (c == "\"") { instr = 1; tok = ""; continue }
        if (depth == 1 && c == ":") { colon = 1; continue }
        if (depth == 1 && c == ",") { colon = 0; key = ""; continue }
        if (c == "{" || c == "[") {
          if (depth == 1 && colon && key == want && c == "{") start = i
          depth++
          continue
        }
        if (c == "}" || c == "]") {
          depth--
          if (depth == 1 && start) { print substr(doc, start, i - start + 1); found = 1; break }
        }
      }
      exit (found ? 0 : 1)
    }'
}

for url in $WAIT_FOR_URLS; do wait_for "$url"; done
wait_for "$CONNECT_URL/connectors"

# Waits until GET $1 answers a body containing $2 (a fixed string); fails after WAIT_SECONDS.
wait_for_body() {
  until curl -fsS "$1" 2>/dev/null | grep -qF "$2"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$1 did not show $2 within ${WAIT_SECONDS}s" >&2; exit 1; fi
    sleep 1
  done
}

retire() {
  url="$CONNECT_URL/connectors/$1"
  config=$(curl -fsS "$url/config") || { log "cannot read the configuration of $1" >&2; exit 1; }
  slot=$(printf '%s' "$config" | sed -n 's/.*"slot.name":"\([^"]*\)".*/\1/p')
  printf '%s' "$config" | sed 's/}[[:space:]]*$/,"slot.drop.on.stop":"true"}/' \
    | curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/json' --data-binary @- "$url/config"
  wait_for_body "$url/tasks" '"slot.drop.on.stop":"true"'
  # The task running now may predate the setting: a restart makes sure the one that stops has it.
  curl -fsS -o /dev/null -X POST "$url/restart?includeTasks=true&onlyFailed=false"
  wait_for_body "$url/status" '"tasks":[{"id":0,"state":"RUNNING"'
  curl -fsS -o /dev/null -X DELETE "$url"
  log "retired $1: deleted, its replication slot ${slot:-?} dropped by Debezium on stop"
}

registered=" "
count=0
for file in "$CONNECTORS_DIR"/*.json; do
  if [ ! -e "$file" ]; then log "no connector configuration (*.json) in $CONNECTORS_DIR" >&2; exit 1; fi
  name=$(json_member name <"$file") || { log "$file has no top-level \"name\"" >&2; exit 1; }
  config=$(json_member config <"$file") || { log "$file has no top-level \"config\" object" >&2; exit 1; }
  log "registering $name ($(basename "$file"))"
  if ! answer=$(printf '%s' "$config" | curl -sS --fail-with-body -X PUT -H 'Content-Type: application/json' \
      --data-binary @- "$CONNECT_URL/connectors/$name/config"); then
    log "Kafka Connect rejected $name: $answer" >&2
    exit 1
  fi
  registered="$registered$name "
  count=$((count + 1))
done
log "registered $count connector(s) with $CONNECT_URL"

for name in $(curl -fsS "$CONNECT_URL/connectors" | tr -d '[]"' | tr ',' ' '); do
  case "$name" in switchboard-*-outbox) ;; *) continue ;; esac
  case "$registered" in *" $name "*) continue ;; esac
  retire "$name"
done
