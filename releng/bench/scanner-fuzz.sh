#!/usr/bin/env bash
# Property/fuzz run over the scan classifier (org.medpay.scanner.ScannedCodes), the single gate before any
# gateway: >= 1,000,000 random and mutated inputs inside the real OSGi test runtime.
# Prints the key: value lines the harness wrote, among them
#   scanner_fuzz_inputs: N
#   escaped_exceptions: 0
# Usage: releng/bench/scanner-fuzz.sh [inputs] [seed]     (default 1000000, random seed; the seed is printed)
# Works from a fresh clone; the first run without -o needs Maven Central, later runs are offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
export SCANNER_FUZZ_INPUTS="${1:-1000000}"
export SCANNER_FUZZ_SEED="${2:-}"
offline=-o
[ -d "${HOME}/.m2/repository/org/eclipse/tycho" ] || offline=
out=bundles/org.medpay.scanner.tests/target/scanner-fuzz.txt
rm -f "$out"
log=$(mktemp)
if ! ./mvnw -B $offline verify -pl bundles/org.medpay.scanner.tests -am \
    -Dtest=ScannerFuzzHarness -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false >"$log" 2>&1; then
  tail -60 "$log" >&2
  echo "scanner-fuzz: build or harness failed (log: $log)" >&2
  [ -f "$out" ] && cat "$out"
  exit 1
fi
rm -f "$log"
cat "$out"
