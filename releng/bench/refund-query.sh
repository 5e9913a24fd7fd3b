#!/usr/bin/env bash
# R-2 on a long history: seeds 1,000,000 paid orders into the test Derby and times the refund query by each
# kind of criterion. Prints refund_query_p99_ms{criterion=...}: N per criterion and refund_query_p99_ms: N
# (the worst), refund_seed_ms (0 when no seeding was needed) and the machine's load.
# Seeding happens once: the seeded database is kept in bundles/org.medpay.refund.tests/target/medpay-data and
# saved under releng/bench/out/refund-query-db, which survives `mvn clean`; a later run copies it back while
# its stamp (the PAY_/REF_ entities, the refund indexes, the benchmark's ORDERS and SEED_VERSION) matches.
# REFUND_BENCH_RESEED=1 forces a fresh seed.
# The test JVM runs with the product's heap, collector and JIT (medpay.sh's tuning line) unless
# BENCH_JVM_OPTIONS says otherwise.
# Usage: releng/bench/refund-query.sh [extra maven args, e.g. -o]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
. releng/scripts/product-tuning.sh
product_tuning=$(medpay_product_tuning) || exit 2
jvm_options="${BENCH_JVM_OPTIONS-$product_tuning}"
tests=bundles/org.medpay.refund.tests
out=$tests/target/refund-query.txt
log=$tests/target/refund-bench.log
data=$tests/target/medpay-data
saved=releng/bench/out/refund-query-db
mkdir -p $tests/target releng/bench/out
rm -f "$out"
stamp=$( { cat bundles/org.medpay.payment/src/org/medpay/payment/internal/AttemptRow.java \
  bundles/org.medpay.payment/src/org/medpay/payment/internal/EventRow.java \
  bundles/org.medpay.payment/src/org/medpay/payment/internal/JpaPaidOrders.java \
  bundles/org.medpay.refund/src/org/medpay/refund/internal/RefundRow.java \
  bundles/org.medpay.refund/src/org/medpay/refund/internal/RefundEventRow.java; \
  grep -E 'static final (int ORDERS|String SEED_VERSION) =' $tests/src/org/medpay/refund/tests/RefundQueryBenchmark.java; } \
  | sha256sum | cut -c1-16)
reused=no
if [ "${REFUND_BENCH_RESEED:-}" = 1 ]; then
  rm -rf "$data" "$saved"
elif [ "$(cat "$data/refund-bench.stamp" 2>/dev/null)" = "$stamp" ]; then
  reused=target
elif [ "$(cat "$saved/stamp" 2>/dev/null)" = "$stamp" ] && [ -d "$saved/db" ]; then
  rm -rf "$data" && mkdir -p "$data" && cp -a "$saved/db" "$data/db" && echo "$stamp" > "$data/refund-bench.stamp"
  reused=saved
else
  rm -rf "$data" # an older schema, or an unseeded test database: seeded afresh
fi
./mvnw -B -q "$@" verify -pl $tests -am \
  -Dtest=RefundQueryBenchmark -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dmedpay.test.jvmArgs=$jvm_options" > "$log" 2>&1 || { tail -50 "$log"; exit 1; }
echo "$stamp" > "$data/refund-bench.stamp"
if [ "$(cat "$saved/stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$saved" && mkdir -p "$saved" && cp -a "$data/db" "$saved/db" && echo "$stamp" > "$saved/stamp"
fi
cat "$out"
echo "refund_seed_reused: $reused"
echo "jvm_options: $jvm_options"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))"
