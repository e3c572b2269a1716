#!/usr/bin/env bash
# Messaging benchmark: the hub (embedded stack, fresh data directory) under 50 closed-loop
# users, after a warm-up run, beside the bare baseline of ../shared/bench-baseline.
#
#   infra/bench/messaging.sh [--seconds 60] [--warmup-seconds 180] [--users 50] [--channels-share 0.0] [--runs 2] [--no-baseline]
#
# Prints the baseline's line, then per measured run the benchmark's figures (throughput, POST
# latency, accepted→DELIVERED latency, backlog, check). Exit code 1 if a run lost a message.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=60 warmup=180 users=50 share=0.0 runs=2 baseline=yes
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --warmup-seconds) warmup=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --channels-share) share=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-baseline) baseline=no; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$root"
[ -f infra/target/chat4all-hub.jar ] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -pl infra test-compile >/dev/null

if [ "$baseline" = yes ] && [ -d ../shared/bench-baseline ]; then
  echo "== baseline (../shared/bench-baseline, pg+kafka, $users threads)"
  (cd ../shared/bench-baseline && mvn -q -B compile exec:java -Dexec.args="--mode pg+kafka --threads $users --seconds 20 --warmup 5" 2>&1 | grep -a '^baseline:\|^pg+kafka')
fi

work=$(mktemp -d /tmp/chat4all-bench.XXXXXX)
echo "== hub in $work (embedded stack, fresh data directory)"
(cd "$work" && exec java -jar "$root/infra/target/chat4all-hub.jar" --chat4all.local.data-dir="$work/data" \
   --logging.file.name="$work/hub.log" >"$work/stdout.log" 2>&1) &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true' EXIT
until curl -sf http://localhost:8080/actuator/health/readiness >/dev/null; do
  kill -0 $hub 2>/dev/null || { echo "hub died; see $work/stdout.log"; exit 1; }
  sleep 0.5
done

bench() {
  ./mvnw -B -q -pl infra exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.chat4all.hub.bench.MessagingBenchmark \
    -Dexec.args="--users $users --seconds $1 --channels-share $share"
}
rc=0
if [ "$warmup" -gt 0 ]; then
  echo "== warm-up ($warmup s, figures not reported)"
  bench "$warmup" >/dev/null 2>&1 || true
fi
for run in $(seq 1 "$runs"); do
  echo "== measured run $run ($seconds s)"
  bench "$seconds" || rc=1
done
exit $rc
