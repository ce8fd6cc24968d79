#!/bin/sh
# Writes deploy/debezium/<service>.json for every service in template/services from template/outbox.json
# (@service@ → chat, @SERVICE@ → CHAT) and removes the connector files of services no longer listed.
# The local launcher, docker-compose.yml and Kubernetes read the generated files; e2e DeploymentFilesTest
# fails when a file differs from what this script writes. Change the template, then run this.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
services=$(grep -v '^#' "$dir/template/services" | tr -s ' \n' ' ')
for file in "$dir"/*.json; do
  [ -e "$file" ] || continue
  name=$(basename "$file" .json)
  case " $services " in *" $name "*) ;; *) rm "$file"; echo "removed $file" ;; esac
done
for service in $services; do
  upper=$(printf '%s' "$service" | tr '[:lower:]' '[:upper:]')
  sed -e "s/@service@/$service/g" -e "s/@SERVICE@/$upper/g" "$dir/template/outbox.json" >"$dir/$service.json"
done
echo "wrote $(printf '%s' "$services" | wc -w) connector file(s) in $dir"
