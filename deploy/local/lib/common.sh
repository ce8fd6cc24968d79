# Shared helpers of the local launcher (sourced, not run). Every component keeps its files under
# $STATE/<component>/ (binaries, data, logs) and its PID in $STATE/run/<component>.pid.
# shellcheck shell=bash

REPO="${REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
STATE="${SWITCHBOARD_STATE:-$REPO/.state}"
RUN="$STATE/run"
mkdir -p "$RUN"

# JVM options of every long-running Java component (besides its heap), for a stack that idles cheaply
# (README.md, "Idle cost"): the serial collector has no concurrent GC threads that wake up on their own,
# and without perf data no timer samples counters every 50 ms for jstat (jcmd still works). On 2 cores
# with ten JVMs a parallel collector's threads only compete with each other. SWITCHBOARD_JAVA_OPTS
# replaces them (e.g. "" for the JVM's defaults).
JAVA_OPTS_IDLE=${SWITCHBOARD_JAVA_OPTS-"-XX:+UseSerialGC -XX:-UsePerfData"}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

# Copies one Maven Central artifact (G:A:V[:type[:classifier]]) into DIR; prints the file's path.
fetch_artifact() {
  local gav=$1 dir=$2
  mkdir -p "$dir"
  "$REPO/mvnw" -q -B -ntp dependency:copy -Dartifact="$gav" -DoutputDirectory="$dir" -Dmdep.overWriteIfNewer=true \
    >"$dir/.fetch.log" 2>&1 || { cat "$dir/.fetch.log" >&2; die "could not fetch $gav"; }
  local a v type classifier
  IFS=: read -r _ a v type classifier <<<"$gav"
  type=${type:-jar}
  echo "$dir/$a-$v${classifier:+-$classifier}.$type"
}

# Copies ARTIFACTS (G:A:V ...) and all their runtime dependencies into DIR (a flat classpath).
fetch_classpath() {
  local dir=$1; shift
  mkdir -p "$dir"
  local pom="$dir/.classpath-pom.xml" deps=""
  local gav g a v
  for gav in "$@"; do
    IFS=: read -r g a v <<<"$gav"
    deps+="<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
  done
  cat >"$pom" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>io.switchboard.local</groupId><artifactId>classpath</artifactId><version>1</version>
<dependencies>$deps</dependencies></project>
POM
  "$REPO/mvnw" -q -B -ntp -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" -DincludeScope=runtime \
    >"$dir/.fetch.log" 2>&1 || { cat "$dir/.fetch.log" >&2; die "could not fetch classpath $*"; }
}

pid_of() { cat "$RUN/$1.pid" 2>/dev/null; }
is_running() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# Starts a command in the background with its output in LOGFILE and records its PID as NAME.
start_bg() {
  local name=$1 logfile=$2; shift 2
  mkdir -p "$(dirname "$logfile")"
  nohup "$@" >>"$logfile" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

# Stops NAME by PID: SIGTERM, then SIGKILL after TIMEOUT seconds (default 20).
stop_pid() {
  local name=$1 timeout=${2:-20} pid
  pid=$(pid_of "$name") || true
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$((timeout * 5))"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN/$name.pid"
}

# Waits until COMMAND succeeds (polling every 0.2 s) or TIMEOUT seconds pass; returns 1 on timeout.
wait_until() {
  local timeout=$1; shift
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# Memory of NAME's process tree in MB (the JVM may be a child of a shell wrapper; PostgreSQL has a
# process per connection). Proportional set size, so memory shared between them counts once.
rss_mb() {
  local pid kids total=0 p
  pid=$(pid_of "$1") || return 0
  kids=$(pgrep -P "$pid" 2>/dev/null || true)
  for p in $pid $kids; do
    total=$(( total + $(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0) ))
  done
  echo $(( total / 1024 ))
}

elapsed_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}'; }
