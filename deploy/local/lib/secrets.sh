# The local stack's secrets (sourced): generated at random on the first `up`, kept in
# $STATE/secrets/secrets.env (folder 0700, file 0600) and read from there by every later command.
# Nothing in the repository holds a usable password: the realm file has placeholders that Keycloak
# fills from the environment at import, the databases' roles get their passwords here.
#
# The file is the source of truth. Edit a value and `down`/`up` to change it: PostgreSQL's roles are
# set at every start, Keycloak re-imports the realm when the secrets change, s3proxy and the services
# read theirs at start. A variable of the same name in the environment is taken instead of a random
# value when the file is first written (to pin one, e.g. in CI); later the file wins.
# shellcheck shell=bash

SECRETS_DIR="$STATE/secrets"
SECRETS_FILE="$SECRETS_DIR/secrets.env"
# The demo users of deploy/keycloak/switchboard-realm.json; each has its own password.
DEMO_USERS=(ann.agent eve.enhanced sam.supervisor ada.admin gus.agent gina.supervisor ops acme.telephony)
SECRET_SERVICES=(chat media interaction redaction reporting)

# 32 characters of base64url: 192 random bits, safe in URLs, SQL literals, JSON and env files.
random_secret() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
# An S3 access key id: 20 upper-case letters and digits, as S3 clients expect.
random_access_key() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Z0-9' | head -c 20; }

demo_var() { local u=${1//./_}; echo "SWITCHBOARD_DEMO_${u^^}_PASSWORD"; }

# Every secret: NAME generator.
secret_names() {
  echo "KEYCLOAK_ADMIN_PASSWORD random_secret"
  local s u
  for s in "${SECRET_SERVICES[@]}"; do
    echo "SWITCHBOARD_${s^^}_CLIENT_SECRET random_secret"
    echo "SWITCHBOARD_${s^^}_DB_PASSWORD random_secret"
  done
  echo "SWITCHBOARD_S3_ACCESS_KEY random_access_key"
  echo "SWITCHBOARD_S3_SECRET_KEY random_secret"
  for u in "${DEMO_USERS[@]}"; do echo "$(demo_var "$u") random_secret"; done
}

# Writes the secrets that are missing from the file (all of them on the first start; after an
# upgrade that added one, just that one); a new one is shown again at the end of the next up.
secrets_ensure() {
  (umask 077 && mkdir -p "$SECRETS_DIR")
  chmod 700 "$SECRETS_DIR"
  [ -f "$SECRETS_FILE" ] || (umask 077 && printf '# Switchboard secrets, generated at random (never commit them). Local stack: deploy/local/switchboard secrets\n' >"$SECRETS_FILE")
  chmod 600 "$SECRETS_FILE"
  local name generator value
  while read -r name generator; do
    grep -q "^$name=" "$SECRETS_FILE" && continue
    value=${!name:-$($generator)}
    printf '%s=%s\n' "$name" "$value" >>"$SECRETS_FILE"
    rm -f "$SECRETS_DIR/.shown"
  done < <(secret_names)
}

# Exports every secret into this shell (and so into the components it starts).
secrets_load() {
  [ -f "$SECRETS_FILE" ] || die "no secrets in $SECRETS_FILE: run 'deploy/local/switchboard up' first"
  local name value
  while IFS='=' read -r name value; do
    [[ $name =~ ^[A-Z][A-Z0-9_]*$ ]] || continue
    export "$name=$value"
  done <"$SECRETS_FILE"
}

# The demo contact center's users (SWITCHBOARD_DEMO_CENTER_*, written by the demo itself: lib/demo.sh) are
# not in the realm file; the demo sets their passwords through the admin API, so they never reset Keycloak.
secrets_for_realm() { grep -v '^SWITCHBOARD_DEMO_CENTER_' "$SECRETS_FILE" || true; }

# A digest of the secrets, to tell whether Keycloak's imported realm still has the current ones.
secrets_digest() { sha256sum "$SECRETS_FILE" | cut -d' ' -f1; }

secrets_print() {
  secrets_load
  local s u
  printf 'Secrets of the local stack (kept in %s, mode 0600):\n\n' "$SECRETS_FILE"
  printf '  Keycloak admin console  http://127.0.0.1:%s/admin  user admin  password %s\n' "$KEYCLOAK_PORT" "$KEYCLOAK_ADMIN_PASSWORD"
  printf '\n  Demo users (realm switchboard, client switchboard-web, password grant):\n'
  for u in "${DEMO_USERS[@]}"; do
    local var; var=$(demo_var "$u")
    printf '    %-16s %s\n' "$u" "${!var}"
  done
  printf '\n  Service clients (client-credentials grant, role system):\n'
  for s in "${SECRET_SERVICES[@]}"; do
    local var="SWITCHBOARD_${s^^}_CLIENT_SECRET"
    printf '    %-24s %s\n' "switchboard-$s" "${!var}"
  done
  printf '\n  PostgreSQL roles (127.0.0.1:%s, database = role):\n' "$PG_PORT"
  for s in "${SECRET_SERVICES[@]}"; do
    local var="SWITCHBOARD_${s^^}_DB_PASSWORD"
    printf '    %-12s %s\n' "$s" "${!var}"
  done
  printf '\n  S3 (http://127.0.0.1:%s, bucket %s)  access key %s  secret key %s\n' "$S3_PORT" "$S3_BUCKET" \
    "$SWITCHBOARD_S3_ACCESS_KEY" "$SWITCHBOARD_S3_SECRET_KEY"
  local demo_users; demo_users=$(demo_users)
  if [ -n "$demo_users" ]; then
    printf '\n  Demo contact center (deploy/local/switchboard demo; realm switchboard, client switchboard-web):\n'
    printf '%s\n' "$demo_users" | while read -r u p; do printf '    %-22s %s\n' "$u" "$p"; done
  fi
  printf '\nAs environment variables: %s\n' "$SECRETS_FILE"
}
