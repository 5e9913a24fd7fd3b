#!/usr/bin/env bash
# R-2 on a long history: seeds 1,000,000 paid orders into the test Derby (once; kept under
# bundles/org.medpay.refund.tests/target/medpay-data) and times the refund query by each kind of criterion.
# Prints refund_query_p99_ms{criterion=...}: N per criterion and refund_query_p99_ms: N (the worst).
# Usage: releng/bench/refund-query.sh [extra maven args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
out=bundles/org.medpay.refund.tests/target/refund-query.txt
log=bundles/org.medpay.refund.tests/target/refund-bench.log
mkdir -p bundles/org.medpay.refund.tests/target
rm -f "$out"
./mvnw -B -q "$@" verify -pl bundles/org.medpay.refund.tests -am \
  -Dtest=RefundQueryBenchmark -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
  > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
cat "$out"
