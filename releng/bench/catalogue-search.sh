#!/usr/bin/env bash
# Catalogue search at chain scale: imports 200,000 drugs into the real Derby, then times searches from the
# in-memory index and the plain SQL LIKE query on the same rows. Prints catalogue_search_p99_us and
# catalogue_sql_like_p99_us (microseconds). Run after a build (./mvnw verify) from the repository root.
set -euo pipefail
# BENCH_DRUGS=n changes the catalogue size (default 200000).
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
MODULE=bundles/org.medpay.catalogue.tests
mkdir -p "$MODULE/target"
OFFLINE=${MEDPAY_OFFLINE--o}
BENCH_PHASE=all ./mvnw -B $OFFLINE -q verify -pl "$MODULE" -am -Dtest=CatalogueBenchmark -DfailIfNoTests=false \
  -Dsurefire.failIfNoSpecifiedTests=false >"$MODULE/target/bench.log" 2>&1 \
  || { tail -50 "$MODULE/target/bench.log"; exit 1; }
grep -E '^(catalogue_(drugs|search|sql_like)|machine_)' "$MODULE/target/catalogue-bench.txt"
