#!/usr/bin/env bash
# The workstation's own time per payment (journal, routing, state machine, scheduling), excluding the time
# inside gateway calls (HTTP to the sandbox simulator and its work). Prints settle_overhead_p50/p99/max_ms,
# journal_commit_p50/p99_ms (one durable commit), journal_commits_per_payment, the adapter's CPU inside gateway
# calls (excluded, shown apart), the disk's fsync time and the load average before/after: on a shared machine
# report the figures with the load. See PaymentOverheadBenchmark for what is counted.
# Headline figures after BENCH_WARMUP (default 1000) payments; settle_overhead_cold_* are payments 101-500 of a
# fresh JVM (see PaymentOverheadBenchmark for why both).
# Options: BENCH_PAYMENTS=400 BENCH_WARMUP=1000 BENCH_JVM_OPTIONS=... (default: medpay.sh's tuning)
# MVN_FLAGS=-o (default offline; empty to go online)
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
. releng/scripts/product-tuning.sh
medpay_find_jdk
out=bundles/org.medpay.payment.tests/target/payment-overhead.txt
export BENCH_PAYMENTS="${BENCH_PAYMENTS:-400}"
# The product's heap and collector, from medpay.sh (one source), unless BENCH_JVM_OPTIONS says otherwise.
product_tuning=$(medpay_product_tuning) || exit 2
jvm_options="${BENCH_JVM_OPTIONS-$product_tuning}"
[ -z "${BENCH_WARMUP:-}" ] || jvm_options="$jvm_options -Dbench.warmup=$BENCH_WARMUP"
rm -f "$out"
mkdir -p releng/bench/out
./mvnw -B ${MVN_FLAGS--o} verify -pl bundles/org.medpay.payment.tests -am \
  -Dtest=PaymentOverheadBenchmark -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
  "-Dmedpay.test.jvmArgs=$jvm_options" \
  >releng/bench/out/payment-overhead.log 2>&1 || status=$?
if [ -f "$out" ]; then
  cat "$out"
else
  echo "payment-overhead: no result; see releng/bench/out/payment-overhead.log" >&2
fi
exit "${status:-0}"
