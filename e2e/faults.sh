#!/usr/bin/env bash
# The fault suite (e2e FaultSuiteTest) in one command, then its fault table:
#
#   e2e/faults.sh            the full form: kill -9 of chat, interaction, reporting, Connect, Kafka and
#                            PostgreSQL, one at a time, under the simulated contact center at 1,000 events/s
#   e2e/faults.sh ci         the reduced form the default e2e run has (interaction and Connect, 150 events/s)
#   e2e/faults.sh full -Dfaults.components=kafka,postgres -Dfaults.rate=600     any FaultPlan override
#
# Builds the services (the launcher runs their jars), starts the stack with deploy/local/switchboard up
# unless it is up (and stops it afterwards if it started it), and runs nothing but the fault suite. Export
# the launcher's port variables first if the stack is not on the default ports. A stack already up from
# this same tree runs the jars this build rewrites: a service that then loads a class it had not loaded yet
# reads a changed jar and hangs (seen on media after a PostgreSQL kill) — stop it first, or run from a clone.
set -euo pipefail
cd "$(dirname "$0")/.."
plan=${1:-full}
[ $# -gt 0 ] && shift
status=0
./mvnw -B -ntp verify -Dfaults="$plan" -Dtest=FaultSuiteTest -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
table="e2e/target/faults/fault-table-$plan.md"
if [ -f "$table" ]; then
  echo
  cat "$table"
fi
echo "== test output: e2e/target/surefire-reports/io.switchboard.e2e.faults.FaultSuiteTest-output.txt"
exit "$status"
