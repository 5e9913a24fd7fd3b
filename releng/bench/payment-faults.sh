#!/usr/bin/env bash
# Fault-injection harness for settlement (issue 4): >= 500 randomized payments against the sandbox
# simulator running as its own process (with random faults), the payment core in child JVMs killed with
# SIGKILL at random moments, restarted (recovery), and finally the simulator's ledger compared with the
# journal. Prints: payments: N, lost: N, double_charged: N, unresolved: N
# Options: HARNESS_PAYMENTS=500 HARNESS_SEED=<n> MVN_FLAGS=-o (default offline; empty to go online)
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
out=bundles/org.medpay.payment.tests/target/payment-faults.txt
rm -f "$out"
mkdir -p releng/bench/out
export HARNESS_PAYMENTS="${HARNESS_PAYMENTS:-500}" HARNESS_SEED="${HARNESS_SEED:-}"
./mvnw -B ${MVN_FLAGS--o} verify -pl bundles/org.medpay.payment.tests -am \
  -Dtest=PaymentFaultHarness -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false \
  >releng/bench/out/payment-faults.log 2>&1 || status=$?
if [ -f "$out" ]; then
  cat "$out"
else
  echo "payment-faults: no result; see releng/bench/out/payment-faults.log and bundles/org.medpay.payment.tests/target/payment-faults/" >&2
fi
exit "${status:-0}"
