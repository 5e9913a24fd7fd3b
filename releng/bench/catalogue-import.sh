#!/usr/bin/env bash
# Catalogue import at chain scale: 200,000 drugs from a generated CSV through the service into the real
# Derby (all-or-nothing, JDBC batches in one transaction). Prints catalogue_import_rows_per_s.
set -euo pipefail
# BENCH_DRUGS=n changes the catalogue size (default 200000).
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
MODULE=bundles/org.medpay.catalogue.tests
mkdir -p "$MODULE/target"
OFFLINE=${MEDPAY_OFFLINE--o}
BENCH_PHASE=import ./mvnw -B $OFFLINE -q verify -pl "$MODULE" -am -Dtest=CatalogueBenchmark -DfailIfNoTests=false \
  -Dsurefire.failIfNoSpecifiedTests=false >"$MODULE/target/bench.log" 2>&1 \
  || { tail -50 "$MODULE/target/bench.log"; exit 1; }
grep -E '^(catalogue_(drugs|import)|machine_)' "$MODULE/target/catalogue-bench.txt"
