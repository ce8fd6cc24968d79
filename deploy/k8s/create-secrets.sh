#!/usr/bin/env bash
# Creates or updates the stack's Kubernetes Secrets from an env file of deploy/generate-secrets.sh:
#
#   deploy/generate-secrets.sh switchboard.env
#   kubectl create namespace switchboard
#   deploy/k8s/create-secrets.sh switchboard.env [NAMESPACE]
#   kubectl apply --server-side -k deploy/
#
# Values are read from files (never put on a command line, where `ps` would show them).
set -euo pipefail
env_file=${1:?usage: deploy/k8s/create-secrets.sh ENV_FILE [NAMESPACE]}
ns=${2:-switchboard}
value() { grep -m1 "^$1=" "$env_file" | cut -d= -f2- | tr -d '\n' || true; }
need() { [ -n "$(value "$1")" ] || { echo "$env_file has no $1" >&2; exit 1; }; }
apply() { kubectl -n "$ns" apply -f -; }

for s in chat media interaction redaction reporting; do
  var="SWITCHBOARD_${s^^}_DB_PASSWORD"; need "$var"
  # CloudNativePG reads the role's password from it; the label makes it apply changes.
  kubectl -n "$ns" create secret generic "switchboard-db-$s" --type=kubernetes.io/basic-auth \
    --from-literal=username="$s" --from-file=password=<(value "$var") --dry-run=client -o yaml \
    | kubectl label --local -f - cnpg.io/reload=true -o yaml | apply
done
need SWITCHBOARD_S3_ACCESS_KEY; need SWITCHBOARD_S3_SECRET_KEY
kubectl -n "$ns" create secret generic switchboard-s3 --from-file=access-key=<(value SWITCHBOARD_S3_ACCESS_KEY) \
  --from-file=secret-key=<(value SWITCHBOARD_S3_SECRET_KEY) --dry-run=client -o yaml | apply
need KEYCLOAK_ADMIN_PASSWORD
kubectl -n "$ns" create secret generic keycloak-admin --from-literal=username=admin \
  --from-file=password=<(value KEYCLOAK_ADMIN_PASSWORD) --dry-run=client -o yaml | apply
# Every ${NAME} of the realm file (client secrets, demo users' passwords): Keycloak's environment.
realm_env=$(mktemp)
trap 'rm -f "$realm_env"' EXIT
chmod 600 "$realm_env"
grep -E '^SWITCHBOARD_[A-Z0-9_]+_(CLIENT_SECRET|PASSWORD)=' "$env_file" | grep -v '_DB_PASSWORD=' >"$realm_env"
kubectl -n "$ns" create secret generic switchboard-keycloak-realm --from-env-file="$realm_env" --dry-run=client -o yaml | apply
echo "Secrets of namespace $ns created or updated"
