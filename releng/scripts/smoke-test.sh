#!/usr/bin/env bash
# Smoke test of the materialized Linux product: start it (under the current DISPLAY), wait for the
# mobile-pay view to paint, let it close itself, and fail on a timeout, a non-zero exit or any
# exception in its output or log.
set -uo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk || exit 1
product=releng/org.medpay.product/target/products/org.medpay.workstation/linux/gtk/x86_64/medpay
[ -x "$product/medpay.sh" ] || { echo "smoke: no materialized product at $product (run the build first)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s%3N)
MEDPAY_VMARGS="-Dmedpay.exitAfterStartup=true -Dmedpay.data.dir=$work/data -Duser.home=$work/home" \
  timeout 60 "$product/medpay.sh" -consoleLog > "$work/out.log" 2>&1
rc=$?
end=$(date +%s%3N)
fail() { echo "smoke: FAILED: $1"; echo "---- product output ----"; cat "$work/out.log"; 
  find "$work" -name .log -exec sh -c 'echo "---- $1 ----"; cat "$1"' _ {} \; ; exit 1; }
[ $rc -eq 124 ] && fail "the workbench did not come up and close within 60 s"
[ $rc -ne 0 ] && fail "the product exited with code $rc"
grep -q MEDPAY_MOBILE_PAY_PAINTED "$work/out.log" || fail "the mobile-pay view never painted"
if grep -E -q "Exception|^!ENTRY .* 4 " "$work/out.log" $(find "$work" -name .log) ; then
  fail "the product logged an exception or error"
fi
echo "smoke: product started, painted the mobile-pay view and exited cleanly in $((end - start)) ms"
echo "smoke: 1 passed, 0 failed"
