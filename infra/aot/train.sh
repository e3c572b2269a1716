#!/usr/bin/env bash
# Builds an AOT cache for the hub (JDK 25+, JEPs 483, 514 and 515): the classes it loads and links
# and the JIT's method profiles, recorded during a training run under the messaging benchmark's
# load (the spec's mix), so a freshly started hub runs its request path compiled from the first
# messages instead of after a minute of load. Optional: the hub runs as well on JDK 17 without it.
#
#   infra/aot/train.sh [--seconds 60]      (JAVA_HOME or the java on the PATH must be 25+)
#
# Then start the hub with the cache, on the jar extracted beside it (a cache records the class
# path, so it fits only that jar, unchanged; rebuild the jar, train again):
#
#   java -XX:AOTCache=infra/target/aot/app.aot -jar infra/target/aot/app/chat4all-hub.jar
#
# The training run uses a throwaway data directory and the default ports (8080, 5433, 9092, 9093,
# 9000), which must be free. A hub started with other JVM options than the training's (another GC,
# a heap past 32 GiB) may find the cache unusable: the JVM then says so and starts without it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=60
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${feature:-0}" -lt 25 ] 2>/dev/null; then
  echo "train.sh: an AOT cache with method profiles needs JDK 25 or later; $java is $feature" >&2
  exit 2
fi
cd "$root"
jar=infra/target/chat4all-hub.jar
aot=infra/target/aot
if [ ! -f "$jar" ] || [ ! -f infra/target/test-classes/io/chat4all/hub/bench/MessagingBenchmark.class ]; then
  echo "== building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
rm -rf "$aot" && mkdir -p "$aot"
echo "== extracting $jar to $aot/app (Spring Boot's layout for CDS and AOT caches)"
"$java" -Djarmode=tools -jar "$jar" extract --destination "$aot/app" >/dev/null
half=$((seconds / 2))
echo "== training run: the messaging benchmark's load, ${half} s warm-up and ${half} s measured"
# The JVM writes the cache as it exits, when the benchmark stops the hub at the end.
HUB_JAVA="$java" HUB_JAR="$root/$aot/app/chat4all-hub.jar" HUB_JAVA_OPTIONS="-XX:AOTCacheOutput=$root/$aot/app.aot" \
  infra/bench/messaging.sh --warmup-seconds "$half" --seconds "$half" --runs 1 --no-baseline
[ -s "$aot/app.aot" ] || { echo "train.sh: the training run wrote no cache ($aot/app.aot)" >&2; exit 1; }
echo "== cache: $aot/app.aot ($(du -h "$aot/app.aot" | cut -f1)); start the hub with it:"
echo "$java -XX:AOTCache=$aot/app.aot -jar $aot/app/chat4all-hub.jar"
