#!/usr/bin/env bash
# Messaging benchmark: the hub (embedded stack, fresh data directory) under closed-loop users in
# the spec's mix, beside the bare floor of ../shared/bench-baseline run just before it.
#
#   infra/bench/messaging.sh [--seconds 60] [--warmup-seconds 30] [--users 50] [--channels-share 0.5]
#                            [--mix spec|private] [--runs 2] [--streams 0] [--pairs 0] [--no-baseline]
#
# Works right after the README's build command (./mvnw -B -DskipTests package), which it runs
# itself when the jar or the compiled benchmark is missing. Prints the floor's line, then per
# measured run: throughput, POST latency, CPU ms per message (hub JVM + PostgreSQL, from /proc),
# live heap, accepted→DELIVERED per in-app and channels, backlog, the check, and the ratio of
# throughput to the floor. --warmup-seconds 0 measures a freshly started hub (cold start).
#
# --streams N: N more clients hold GET /v1/events during each run (push latency, events lost).
# --pairs K (with --streams): K alternating pairs of runs without and with the streams, then the
#   medians and the ratio of throughput with streams to without.
# Exit code 1 if a run lost a message or a stream event, 2 on bad options; a failing step says which.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=60 warmup=30 users=50 share=0.5 mix=spec runs=2 baseline=yes streams=0 pairs=0
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --warmup-seconds) warmup=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --channels-share) share=$2; shift 2 ;;
    --mix) mix=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --no-baseline) baseline=no; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
trap 'echo "messaging.sh: failed at line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR
cd "$root"
jar=infra/target/chat4all-hub.jar
main=infra/target/test-classes/io/chat4all/hub/bench/MessagingBenchmark.class
if [ ! -f "$jar" ] || [ ! -f "$main" ]; then
  echo "== building (./mvnw -B -q -DskipTests package): $jar or the compiled benchmark is missing"
  ./mvnw -B -q -DskipTests package
fi

floor=""
if [ "$baseline" = yes ]; then
  if [ -d ../shared/bench-baseline ]; then
    echo "== floor (../shared/bench-baseline, pg+kafka, $users threads)"
    line=$(cd ../shared/bench-baseline && "$root/mvnw" -q -B compile exec:java \
      -Dexec.args="--mode pg+kafka --threads $users --seconds 20 --warmup 5" 2>&1 | grep -a '^baseline:' || true)
    echo "${line:-floor run printed no baseline line}"
    floor=$(sed -n 's/.*pg+kafka \([0-9.,k]*\) ops\/s.*/\1/p' <<<"$line" | tr -d ,)
    case $floor in *k) floor=$(awk -v f="${floor%k}" 'BEGIN{print f*1000}') ;; esac
  else
    echo "== no ../shared/bench-baseline beside the repository: no floor"
  fi
fi

work=$(mktemp -d /tmp/chat4all-bench.XXXXXX)
echo "== hub in $work (embedded stack, fresh data directory)"
# Environment, for the hub only, to compare JVM settings in one sitting: HUB_JAVA_OPTIONS (JVM options;
# default the README's, @infra/jvm.options; HUB_JAVA_OPTIONS= (empty) runs the JDK's defaults),
# HUB_JAVA (the java to run it with; default java on the PATH), HUB_JAR (an absolute path; default the built jar; e.g. an
# extracted one for an AOT cache, see the README).
# shellcheck disable=SC2086
(cd "$work" && exec "${HUB_JAVA:-java}" ${HUB_JAVA_OPTIONS-@$root/infra/jvm.options} -jar "${HUB_JAR:-$root/$jar}" --chat4all.local.data-dir="$work/data" \
   --logging.file.name="$work/hub.log" >"$work/stdout.log" 2>&1) &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true' EXIT
until curl -sf http://localhost:8080/actuator/health/readiness >/dev/null; do
  kill -0 $hub 2>/dev/null || { echo "the hub died while starting; see $work/stdout.log" >&2; tail -5 "$work/stdout.log" >&2; exit 1; }
  sleep 0.5
done

# The benchmark runs from the hub's own jar (its Jackson) plus the compiled test classes: no Maven per run.
bench() { # seconds streams
  java -cp "$root/$jar" -Dloader.path="$root/infra/target/test-classes" \
    -Dloader.main=io.chat4all.hub.bench.MessagingBenchmark org.springframework.boot.loader.launch.PropertiesLauncher \
    --users "$users" --seconds "$1" --channels-share "$share" --mix "$mix" --streams "$2" \
    --hub-pid "$hub" --postgres-data "$work/data/postgres"
}
rc=0
measure() { # label streams
  echo "== $1 ($seconds s, $2 streams)"
  out=$(bench "$seconds" "$2" 2>&1) || rc=1
  echo "$out" | grep -v '^result:' || true
  result=$(grep '^result:' <<<"$out" || true)
  echo "$result" >>"$work/results"
  tp=$(sed -n 's/.*throughput=\([0-9.]*\).*/\1/p' <<<"$result")
  if [ -n "$floor" ] && [ -n "$tp" ]; then
    awk -v h="$tp" -v f="$floor" 'BEGIN{printf "ratio to the floor: %.1f%% (%s of %s ops/s)\n", 100*h/f, h, f}'
  fi
}
if [ "$warmup" -gt 0 ]; then
  echo "== warm-up ($warmup s, figures not reported)"
  bench "$warmup" "$streams" >/dev/null 2>&1 || true
fi
if [ "$pairs" -gt 0 ]; then
  for p in $(seq 1 "$pairs"); do # alternate which goes first, so drift over the sitting cancels out
    if [ $((p % 2)) -eq 1 ]; then measure "pair $p, without streams" 0; measure "pair $p, with streams" "$streams"
    else measure "pair $p, with streams" "$streams"; measure "pair $p, without streams" 0; fi
  done
  # Per pair the ratio with/without (runs close in time share the machine's mood), then the median of the pairs.
  awk '
    function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                       return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    { delete v; for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      s = v["streams"] > 0 ? "with" : "without"; n[s]++; tp[s, n[s]] = v["throughput"]; p95[s, n[s]] = v["post_p95"]
      heap[s, n[s]] = v["heap_mib"]; cpu[s, n[s]] = v["cpu_ms"]; gen[s, n[s]] = v["generator_cpu_ms"]
      if (s == "with") { pm[n[s]] = v["push_message_p95"]; pd[n[s]] = v["push_delivered_p95"]; lost += v["events_lost"] } }
    END { for (s in n) { for (i = 1; i <= n[s]; i++) { a[i] = tp[s, i]; b[i] = p95[s, i]; c[i] = heap[s, i]; d[i] = cpu[s, i]; g[i] = gen[s, i] }
                         mt[s] = median(a, n[s]); mp[s] = median(b, n[s]); mh[s] = median(c, n[s]); mc[s] = median(d, n[s]); mg[s] = median(g, n[s]) }
          line = ""
          for (i = 1; i <= n["with"]; i++) { r[i] = 100 * tp["with", i] / tp["without", i]; x[i] = pm[i]; y[i] = pd[i]; line = line sprintf(" %.1f%%", r[i]) }
          printf "medians of %d pairs: without streams %.1f messages/s, POST p95 %.1f ms, %.2f CPU ms/message, heap %.0f MiB;" \
                 " with streams %.1f messages/s, POST p95 %.1f ms, %.2f CPU ms/message, heap %.0f MiB\n",
                 n["with"], mt["without"], mp["without"], mc["without"], mh["without"], mt["with"], mp["with"], mc["with"], mh["with"]
          printf "throughput with streams / without, per pair:%s; median %.1f%%; push p95 (median of runs): message %.1f ms, DELIVERED %.1f ms; events lost in all runs: %d\n",
                 line, median(r, n["with"]), median(x, n["with"]), median(y, n["with"]), lost
          printf "CPU per message of the load generator itself (same cores as the hub): %.2f ms without streams, %.2f ms with\n", mg["without"], mg["with"] }' "$work/results"
else
  for run in $(seq 1 "$runs"); do measure "measured run $run" "$streams"; done
fi
exit $rc
