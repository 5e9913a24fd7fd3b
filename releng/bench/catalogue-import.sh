#!/usr/bin/env bash
# Catalogue import at chain scale: 200,000 drugs from a generated CSV through the service into the real
# Derby (all-or-nothing, JDBC batches in one transaction). Prints catalogue_import_rows_per_s.
set -euo pipefail
# BENCH_DRUGS=n changes the catalogue size (default 200000). The test JVM runs with the product's heap and
# collector (medpay.sh's tuning line) unless BENCH_JVM_OPTIONS says otherwise; catalogue_heap_* are MB:
# live heap with one catalogue loaded, and the peak while a second catalogue is imported over it.
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
. releng/scripts/product-tuning.sh
medpay_find_jdk
product_tuning=$(medpay_product_tuning) || exit 2
jvm_options="${BENCH_JVM_OPTIONS-$product_tuning}"
MODULE=bundles/org.medpay.catalogue.tests
mkdir -p "$MODULE/target"
OFFLINE=${MEDPAY_OFFLINE--o}
BENCH_PHASE=import ./mvnw -B $OFFLINE -q verify -pl "$MODULE" -am -Dtest=CatalogueBenchmark -DfailIfNoTests=false \
  -Dsurefire.failIfNoSpecifiedTests=false "-Dmedpay.test.jvmArgs=$jvm_options" >"$MODULE/target/bench.log" 2>&1 \
  || { tail -50 "$MODULE/target/bench.log"; exit 1; }
grep -E '^(catalogue_(drugs|import|heap|reimport|jvm)|machine_)' "$MODULE/target/catalogue-bench.txt"
