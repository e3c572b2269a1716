#!/usr/bin/env bash
# Fault benchmark: the fault tests of the suite at a larger size, figures printed.
#
#   infra/bench/faults.sh [--kills 4] [--users 20] [--gap-seconds 15] [--outage-seconds 15] [--seed N]
#
# 1. KilledHubUnderLoadIT: the packaged hub SIGKILLed --kills times under the spec's mix
#    (--users closed-loop users, private conversations and groups of 5, every second message to
#    ["all"], an upload in progress), each kill 2..--gap-seconds after the previous restart was
#    ready; prints accepted / delivered / failed / lost / duplicated and the time from the last
#    restart's readiness until every message was final.
# 2. OutageIT: an external broker, then an external object store, killed for --outage-seconds under
#    traffic and started again; prints the time to the first 503, back to the first 200, and the
#    messages' outcome.
# Exit code non-zero if a fault test failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kills=4 users=20 gap=15 outage=15 seed=$RANDOM$RANDOM
while [ $# -gt 0 ]; do
  case $1 in
    --kills) kills=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --gap-seconds) gap=$2; shift 2 ;;
    --outage-seconds) outage=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$root"
./mvnw -B -q -DskipTests install
rm -f infra/target/failsafe-reports/*-output.txt
rc=0
./mvnw -B -q -pl infra failsafe:integration-test failsafe:verify -Dit.test='KilledHubUnderLoadIT,OutageIT' \
  -Dfaults.kills="$kills" -Dfaults.users="$users" -Dfaults.gap-seconds="$gap" -Dfaults.outage-seconds="$outage" \
  -Dfaults.seed="$seed" || rc=$?
grep -h -E '^(faults|kill |kafka outage|object storage outage)' infra/target/failsafe-reports/*-output.txt || true
exit $rc
