# Keycloak (identity provider) for the local stack: sourced by deploy/local/switchboard.
# Runs the Keycloak Quarkus distribution from Maven Central in dev mode (H2 database in the dist's
# data/h2, kept across restarts) and imports deploy/keycloak/switchboard-realm.json on first start.
# Keycloak never re-imports an existing realm, so when the realm file or the secrets (lib/secrets.sh:
# the bootstrap admin's password, and the client secrets and demo passwords that fill the realm file's
# ${...} placeholders at import) have changed since the last import, the launcher resets Keycloak's
# database (the realm is code here; nothing else lives in it).
# shellcheck shell=bash

# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.7.3}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-9180}"
KEYCLOAK_REALM="switchboard"
KEYCLOAK_HOME="$STATE/keycloak/keycloak-$KEYCLOAK_VERSION"

# Fetches and unpacks the distribution (once) and refreshes the realm file in data/import/.
keycloak_install() {
  if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    local archive
    archive=$(fetch_artifact "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" "$STATE/keycloak/dist") || return 1
    log "unpacking Keycloak $KEYCLOAK_VERSION"
    rm -rf "$KEYCLOAK_HOME.tmp"
    mkdir -p "$KEYCLOAK_HOME.tmp"
    tar -xzf "$archive" -C "$KEYCLOAK_HOME.tmp" --strip-components=1 || die "could not unpack $archive"
    rm -rf "$KEYCLOAK_HOME"
    mv "$KEYCLOAK_HOME.tmp" "$KEYCLOAK_HOME"
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  local realm="$REPO/deploy/keycloak/switchboard-realm.json" stamp="$KEYCLOAK_HOME/data/import/.imported.sha256"
  local sum
  # The demo's own users' secrets are left out: adding them must not reset Keycloak (secrets_for_realm).
  sum=$( { cat "$realm"; secrets_for_realm; } | sha256sum | cut -d' ' -f1)
  if [ -d "$KEYCLOAK_HOME/data/h2" ] && [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "realm file or secrets changed since Keycloak imported the realm: resetting Keycloak's database to import it again"
    rm -rf "$KEYCLOAK_HOME/data/h2"
  fi
  cp "$realm" "$KEYCLOAK_HOME/data/import/switchboard-realm.json"
  echo "$sum" >"$stamp"
}

# Starts Keycloak in dev mode (no-op if it is already running).
keycloak_start() {
  if is_running keycloak; then
    log "Keycloak already running (pid $(pid_of keycloak))"
    return 0
  fi
  keycloak_install
  log "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:$KEYCLOAK_PORT (management $KEYCLOAK_MANAGEMENT_PORT)"
  # The bootstrap admin (master realm) and every ${NAME} of the realm file, from the secrets.
  # kc.sh's own options select G1: the serial collector replaces it (two collectors are an error).
  local env=(KC_BOOTSTRAP_ADMIN_USERNAME=admin "KC_BOOTSTRAP_ADMIN_PASSWORD=$KEYCLOAK_ADMIN_PASSWORD"
    "JAVA_OPTS_APPEND=${JAVA_OPTS_IDLE/-XX:+UseSerialGC/-XX:-UseG1GC -XX:+UseSerialGC}") name
  for name in $(grep -o '\${[A-Z0-9_]*}' "$REPO/deploy/keycloak/switchboard-realm.json" | tr -d '${}' | sort -u); do
    [ -n "${!name:-}" ] || die "the realm file needs $name, which is not among the secrets"
    env+=("$name=${!name}")
  done
  start_bg keycloak "$STATE/keycloak/logs/keycloak.log" env "${env[@]}" \
      "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 \
      --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" \
      --health-enabled=true \
      --import-realm
}

# Succeeds when the server is ready and the switchboard realm serves its OIDC discovery document.
keycloak_ready() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready") || return 1
  [ "$code" = 200 ] || return 1
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM/.well-known/openid-configuration") || return 1
  [ "$code" = 200 ]
}

# Stops Keycloak: SIGTERM to kc.sh (which forwards it to the JVM); any JVM left behind is killed too.
keycloak_stop() {
  local pid kids k
  pid=$(pid_of keycloak) || true
  kids=""
  [ -n "$pid" ] && kids=$(pgrep -P "$pid" 2>/dev/null || true)
  stop_pid keycloak 30
  for k in $kids; do
    if kill -0 "$k" 2>/dev/null; then
      kill "$k" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$k" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$k" 2>/dev/null && kill -9 "$k" 2>/dev/null || true
    fi
  done
}

keycloak_url() { echo "http://127.0.0.1:$KEYCLOAK_PORT/realms/$KEYCLOAK_REALM"; }

# The master realm (Keycloak's own administration) gets brute-force protection too; its only user is
# the bootstrap admin with the generated password. Idempotent; a warning if the admin cannot log in
# (e.g. a Keycloak started by an older launcher is still running: `down`, then `up`).
keycloak_protect_master() {
  local body token
  body=$(curl -s --max-time 10 "http://127.0.0.1:$KEYCLOAK_PORT/realms/master/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=admin-cli \
    --data-urlencode username=admin --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD") || true
  token=$(printf '%s' "$body" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  if [ -z "$token" ]; then
    log "WARNING: the Keycloak admin cannot log in with the generated password (a Keycloak from before the secrets is running? run down, then up)"
    return 0
  fi
  curl -fsS -o /dev/null --max-time 10 -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data '{"bruteForceProtected": true, "permanentLockout": false, "failureFactor": 5, "waitIncrementSeconds": 60, "maxFailureWaitSeconds": 900, "quickLoginCheckMilliSeconds": 1000, "minimumQuickLoginWaitSeconds": 60, "maxDeltaTimeSeconds": 43200}' \
    "http://127.0.0.1:$KEYCLOAK_PORT/admin/realms/master" || log "WARNING: could not turn on brute-force protection of the master realm"
}

# Prints an access token for USER/PASSWORD (password grant with the public client switchboard-web);
# the demo users' passwords are in the secrets (`deploy/local/switchboard secrets`).
keycloak_token() {
  local user=$1 password=$2 body token
  body=$(curl -s --max-time 10 "$(keycloak_url)/protocol/openid-connect/token" \
    --data-urlencode grant_type=password \
    --data-urlencode client_id=switchboard-web \
    --data-urlencode "username=$user" \
    --data-urlencode "password=$password") || return 1
  token=$(printf '%s' "$body" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "no token for $user: $body" >&2; return 1; }
  echo "$token"
}
