#!/usr/bin/env bash
# Fault-injection harness for settlement (issue 4): >= 500 randomized payments against the sandbox
# simulator running as its own process (with random faults), the payment core in child JVMs killed with
# SIGKILL at random moments, restarted (recovery), and finally the simulator's ledger compared with the
# journal. Prints: payments: N, lost: N, double_charged: N, unresolved: N
# Options: HARNESS_PAYMENTS=500 HARNESS_SEED=<n> MVN_FLAGS=-o (default offline; empty to go online)
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
. releng/scripts/run-harness.sh
medpay_find_jdk
export HARNESS_PAYMENTS="${HARNESS_PAYMENTS:-500}" HARNESS_SEED="${HARNESS_SEED:-}"
medpay_run_harness payment-faults bundles/org.medpay.payment.tests PaymentFaultHarness
