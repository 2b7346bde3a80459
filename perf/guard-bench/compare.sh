#!/usr/bin/env bash
# Compares this checkout's pii-patterns engine with the one at a git revision: findings first
# (every difference printed), then speed, scans alternating between the two in one JVM.
#   perf/guard-bench/compare.sh <git-revision> [fuzzed texts, default 30000] [timed rounds, default 300] [types]
# types: comma-separated entity types (e.g. PHONE_NUMBER,CREDIT_CARD); when given, only those are on in
# the timed scans, so one family's change shows undiluted (the shared pass is still in both).
set -euo pipefail
rev=${1:?usage: compare.sh <git-revision> [fuzzed-texts] [rounds]}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$here" && mvn -B -q package)
jar="$here/target/benchmarks.jar"
(cd "$root" && git archive "$rev" contracts/src/main/java plugins/pii-patterns/src/main/java) | tar -x -C "$work"
mkdir "$work/classes"
# the benchmark jar carries Vert.x, PF4J and libphonenumber: enough to compile the other sources
javac -nowarn -d "$work/classes" -cp "$jar" \
  $(find "$work/contracts/src/main/java" "$work/plugins/pii-patterns/src/main/java" -name '*.java')
java ${COMPARE_JAVA_OPTS:-} -cp "$jar" dev.rampart.perf.guard.EngineComparison "$work/classes" \
  "$root/plugins/pii-patterns/src/test/resources/corpus/labelled.tsv" "${2:-30000}" "${3:-300}" "${4:-}"
