#!/bin/sh
# docker-compose: the postgres image runs this after init-databases.sql on the first start of an empty
# data volume. Each service role gets its password from SWITCHBOARD_<SERVICE>_DB_PASSWORD (compose
# refuses to start without them). A psql variable carries the value, so no quoting can break the SQL.
# To change a password later: ALTER ROLE <service> PASSWORD '…' (this file does not run again).
set -eu
for service in chat media interaction redaction reporting; do
  var="SWITCHBOARD_$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password=$(printenv "$var") || { echo "$var is not set" >&2; exit 1; }
  echo "ALTER ROLE $service WITH PASSWORD :'password';" \
    | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$password" >/dev/null
done
