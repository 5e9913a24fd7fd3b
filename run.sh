#!/usr/bin/env bash
# Builds the workstation if needed, then starts it on its embedded defaults (Derby in the user's data
# area, the sandbox region). Extra arguments go to the workbench, e.g. "./run.sh -nl en".
set -euo pipefail
cd "$(dirname "$0")"
. releng/scripts/find-jdk.sh
medpay_find_jdk
product=releng/org.medpay.product/target/products/org.medpay.workstation/linux/gtk/x86_64/medpay
newest_source=$(find bundles features releng/org.medpay.product target-platform -newer "$product/medpay.sh" \
  -type f -not -path '*/target/*' -print -quit 2>/dev/null || true)
if [ ! -x "$product/medpay.sh" ] || [ -n "$newest_source" ]; then
  echo "Building MedPay Workstation (tests skipped; ./test.sh runs them)..."
  ./mvnw -B -q -DskipTests verify
fi
exec "$product/medpay.sh" "$@"
