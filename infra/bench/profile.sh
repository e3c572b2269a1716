#!/usr/bin/env bash
# Where a running hub's CPU goes, by method: async-profiler (Maven Central's
# tools.profiler:async-profiler, fetched into infra/target on first use, not a dependency of the
# hub) attached with jcmd for SECONDS, sampling on a CPU timer (itimer: works without perf events,
# and costs far less than a JFR recording did here). Writes the samples in collapsed form (one
# stack per line, the thread first; a flame graph tool reads it) and prints the thread groups and
# the hottest frames.
#
#   infra/bench/profile.sh PID [SECONDS=30] [OUT=/tmp/chat4all-profile.collapsed]
#
# Run it while a load runs, e.g. during run 2 of infra/bench/messaging.sh.
set -euo pipefail
pid=${1:?usage: profile.sh PID [SECONDS] [OUT]}; secs=${2:-30}; out=${3:-/tmp/chat4all-profile.collapsed}
root=$(cd "$(dirname "$0")/../.." && pwd)
version=4.1
dir=$root/infra/target/async-profiler-$version
lib=$dir/linux-x64/libasyncProfiler.so
if [ ! -f "$lib" ]; then
  echo "== fetching tools.profiler:async-profiler:$version (linux-x64) into $dir"
  "$root/mvnw" -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$version:jar:linux-x64" \
    -DoutputDirectory="$dir" -Dmdep.stripVersion=true
  (cd "$dir" && unzip -q -o async-profiler-linux-x64.jar 'linux-x64/*')
fi
# jcmd reads name=value pairs itself: the agent's options go in as one quoted argument.
jcmd "$pid" JVMTI.agent_load "$lib" "\"start,event=itimer,interval=5ms,threads\"" >/dev/null
sleep "$secs"
jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out,collapsed\"" >/dev/null
echo "== $out"
python3 - "$out" <<'PY'
import collections, re, sys
threads, frames, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(" ")
    n = int(n); total += n
    parts = stack.split(";")
    threads[re.sub(r"\d+", "#", parts[0].split(" tid=")[0].strip("["))] += n
    for frame in set(parts[1:]):
        if frame.startswith(("io/chat4all", "org/axonframework", "org/springframework", "org/hibernate",
                             "org/postgresql", "com/fasterxml", "org/apache/kafka", "kafka/")):
            frames[frame] += n
print("%d samples (5 ms of CPU each)" % total)
print("-- thread groups")
for name, n in threads.most_common(15):
    print("%5.1f %%  %s" % (100.0 * n / total, name))
print("-- frames by the samples they are on (inclusive)")
for name, n in frames.most_common(25):
    print("%5.1f %%  %s" % (100.0 * n / total, name[:120]))
PY
