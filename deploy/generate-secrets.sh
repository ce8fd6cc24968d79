#!/usr/bin/env bash
# Writes a new env file holding every secret the stack needs, each random, mode 0600:
#
#   deploy/generate-secrets.sh .env                     # docker compose reads .env by itself
#   deploy/k8s/create-secrets.sh .env                   # the same values as Kubernetes Secrets
#
# The names and generators are the local launcher's (deploy/local/lib/secrets.sh), plus the
# PostgreSQL superuser's password that the compose image needs. Refuses to overwrite a file.
set -euo pipefail
out=${1:?usage: deploy/generate-secrets.sh FILE   (e.g. .env for docker compose)}
[ -e "$out" ] && { echo "$out exists: not overwriting it" >&2; exit 1; }
STATE=$(mktemp -d)
trap 'rm -rf "$STATE"' EXIT
die() { echo "ERROR: $*" >&2; exit 1; }
# shellcheck source=local/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/local/lib/secrets.sh"
secrets_ensure
(umask 077 && { cat "$SECRETS_FILE"; echo "POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-$(random_secret)}"; } >"$out")
echo "wrote $(grep -c '=' "$out") secrets to $out (mode 0600)"
