#!/usr/bin/env bash
# Upload benchmark: the hub started with a small heap (-Xmx256m by default; the embedded Kafka
# broker and S3 server share that JVM) on a fresh data directory. Uploads files of each size
# through PATCH and through presigned URLs, completes them (join + SHA-256 of the stored bytes),
# then a large file that is completed and downloaded to verify; prints MB/s, the time of
# complete, the hub's heap, and whether the hub ran out of memory.
#
#   infra/bench/files.sh [--heap 256m] [--sizes 100M,1G] [--modes patch,presigned] [--big 2G] [--chunk-mib 8] [--streams 1] [--warmup 1G] [--jar PATH]
#
# It uses ports 8090, 5443, 9192/9193 and 9100, so it can run beside the messaging benchmark.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
heap=256m sizes=100M,1G modes=patch,presigned big=2G chunk=8 streams=1 warmup=1G jar=
while [ $# -gt 0 ]; do
  case $1 in
    --heap) heap=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --big) big=$2; shift 2 ;;
    --chunk-mib) chunk=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
trap 'echo "files.sh: failed at line $LINENO: $BASH_COMMAND (exit $?)" >&2' ERR
cd "$root"
if [ ! -f infra/target/chat4all-hub.jar ] || [ ! -f infra/target/test-classes/io/chat4all/hub/bench/FileBenchmark.class ]; then
  echo "== building (./mvnw -B -q -DskipTests package): the jar or the compiled benchmark is missing"
  ./mvnw -B -q -DskipTests package
fi

# --jar: another build of the hub (say, a worktree at an older commit) for an A/B in one sitting.
jar=${jar:-$root/infra/target/chat4all-hub.jar}
work=$(mktemp -d /tmp/chat4all-files-bench.XXXXXX)
echo "== hub in $work (embedded stack, fresh data directory, -Xmx$heap)"
(cd "$work" && exec java @"$root/infra/jvm.options" -Xmx"$heap" -jar "$jar" --server.port=8090 \
   --chat4all.local.data-dir="$work/data" --chat4all.local.postgres-port=5443 --chat4all.local.kafka-port=9192 \
   --chat4all.local.kafka-controller-port=9193 --chat4all.local.s3-port=9100 \
   --logging.file.name="$work/hub.log" >"$work/stdout.log" 2>&1) &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true; rm -rf "$work/data/s3"' EXIT
until curl -sf http://localhost:8090/actuator/health/readiness >/dev/null; do
  kill -0 $hub 2>/dev/null || { echo "hub died; see $work/stdout.log"; exit 1; }
  sleep 0.5
done
pid=$(pgrep -f "data-dir=$work/data" | head -1)

rc=0
# From the hub's own jar (its Jackson and MinIO client) plus the compiled test classes: works right after the README's build.
java -cp "$root/infra/target/chat4all-hub.jar" -Dloader.path="$root/infra/target/test-classes" \
  -Dloader.main=io.chat4all.hub.bench.FileBenchmark org.springframework.boot.loader.launch.PropertiesLauncher \
  --url http://localhost:8090 --hub-pid "$pid" --sizes "$sizes" --modes "$modes" --big "$big" --chunk-mib "$chunk" \
  --streams "$streams" --warmup "$warmup" || rc=1
if grep -q OutOfMemoryError "$work/stdout.log" "$work/hub.log"; then
  echo "hub: OutOfMemoryError (see $work/hub.log)"; rc=1
else
  echo "hub: no OutOfMemoryError in its log"
fi
exit $rc
