# The Switchboard services of the local stack, each from its built jar (sourced).
# shellcheck shell=bash

service_port() {
  local var="SWITCHBOARD_${1^^}_PORT" default
  case $1 in chat) default=8081 ;; media) default=8082 ;; interaction) default=8083 ;;
    redaction) default=8084 ;; reporting) default=8085 ;; esac
  echo "${!var:-$default}"
}

service_jar() { echo "$REPO/services/$1/target/quarkus-app/quarkus-run.jar"; }

services_build_if_missing() {
  local s missing=0
  for s in "${SERVICES[@]}"; do [ -f "$(service_jar "$s")" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    local t0; t0=$(date +%s.%N)
    log "build … services (./mvnw install -DskipTests)"
    "$REPO/mvnw" -q -B -ntp -f "$REPO/pom.xml" install -DskipTests >"$STATE/build.log" 2>&1 \
      || { tail -40 "$STATE/build.log"; die "build failed (log: $STATE/build.log)"; }
    log "build … done in $(elapsed_since "$t0") s"
  fi
}

service_start() {
  local s=$1
  is_running "$s" && return
  mkdir -p "$STATE/services/$s/logs"
  # shellcheck disable=SC2086 # JAVA_OPTS_IDLE is a list of options
  start_bg "$s" "$STATE/services/$s/logs/$s.log" env \
    "SWITCHBOARD_${s^^}_PORT=$(service_port "$s")" \
    "SWITCHBOARD_${s^^}_DB_URL=postgresql://127.0.0.1:$PG_PORT/$s" \
    "SWITCHBOARD_${s^^}_DB_USER=$s" \
    "SWITCHBOARD_${s^^}_DB_PASSWORD=$(db_password "$s")" \
    "SWITCHBOARD_OIDC_URL=$(keycloak_url)" \
    "KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT" \
    "SWITCHBOARD_S3_ENDPOINT=http://127.0.0.1:$S3_PORT" \
    "SWITCHBOARD_S3_BUCKET=$S3_BUCKET" \
    "SWITCHBOARD_S3_ACCESS_KEY=$SWITCHBOARD_S3_ACCESS_KEY" \
    "SWITCHBOARD_S3_SECRET_KEY=$SWITCHBOARD_S3_SECRET_KEY" \
    java -Xmx384m $JAVA_OPTS_IDLE -jar "$(service_jar "$s")"
}

service_ready() { http_ok "http://127.0.0.1:$(service_port "$1")/q/health/ready"; }
service_stop() { stop_pid "$1" 20; }
