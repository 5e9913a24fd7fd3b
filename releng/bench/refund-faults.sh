#!/usr/bin/env bash
# Fault-injection harness for refunds (issue 6, R-3/R-4): >= 200 paid orders (paid for real against the
# sandbox simulator running as its own process) rolled back by child JVMs that are killed with SIGKILL at the
# refund engine's crash points (before a 2103 / a refund leaves, after an answer and before it is journalled,
# between the legs; first tries, retries, resumes) and at random moments, while the simulator injects random
# faults; each restart resumes (RefundEngine.resume); finally the simulator's ledger is compared with the
# refund journal. Prints: refunds: N, lost: N, double_refunded: N, unresolved: N
# Options: HARNESS_REFUNDS=200 HARNESS_SEED=<n> HARNESS_DIE_EVERY=25 MVN_FLAGS=-o (default offline; empty to go online)
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
. releng/scripts/run-harness.sh
medpay_find_jdk
export HARNESS_REFUNDS="${HARNESS_REFUNDS:-200}" HARNESS_SEED="${HARNESS_SEED:-}" HARNESS_DIE_EVERY="${HARNESS_DIE_EVERY:-25}"
medpay_run_harness refund-faults bundles/org.medpay.refund.tests RefundFaultHarness
