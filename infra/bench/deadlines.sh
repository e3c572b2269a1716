#!/usr/bin/env bash
# What a routed message's deadline costs per message, kept the hub's way (a row on the
# running-time clock, batched per unit of work) or on Axon's DeadlineManager with db-scheduler
# (a task row per message): DeadlineBenchmark, against the PostgreSQL of a hub that is running
# (the README's first command), in a schema of its own that it drops afterwards.
#
#   infra/bench/deadlines.sh [--postgres-data ./data/postgres] [--jdbc-url jdbc:postgresql://localhost:5433/chat4all]
#                            [--messages 20000] [--batch 100] [--rounds 3]
#
# db-scheduler is not in the hub's jar: it is fetched from Maven Central into infra/target/bench-lib
# on first use. --postgres-data (the hub's data directory + /postgres) lets it read PostgreSQL's CPU.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
args=("$@")
case " $* " in *" --postgres-data "*) ;; *) [ -d data/postgres ] && args+=(--postgres-data "$PWD/data/postgres") ;; esac
cd "$root"
if [ ! -f infra/target/chat4all-hub.jar ] || [ ! -f infra/target/test-classes/io/chat4all/hub/bench/DeadlineBenchmark.class ]; then
  echo "== building (./mvnw -B -q -DskipTests package): the jar or the compiled benchmark is missing"
  ./mvnw -B -q -DskipTests package
fi
lib=infra/target/bench-lib
if [ ! -f "$lib/db-scheduler.jar" ]; then
  echo "== fetching com.github.kagkarlsson:db-scheduler:16.7.1 into $lib"
  ./mvnw -q -B dependency:copy -Dartifact=com.github.kagkarlsson:db-scheduler:16.7.1 -DoutputDirectory="$lib" \
    -Dmdep.stripVersion=true
fi
java -cp infra/target/chat4all-hub.jar -Dloader.path="infra/target/test-classes,$lib/db-scheduler.jar" \
  -Dloader.main=io.chat4all.hub.bench.DeadlineBenchmark org.springframework.boot.loader.launch.PropertiesLauncher \
  "${args[@]}"
