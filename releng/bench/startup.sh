#!/usr/bin/env bash
# Start-up benchmark: starts the materialized Linux product 5 times under Xvfb and prints the median
# time from process start to the mobile-pay view painted (the product prints the paint time; the script
# takes the process start time itself). Run after the build (./run.sh or ./test.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
product=releng/org.medpay.product/target/products/org.medpay.workstation/linux/gtk/x86_64/medpay
[ -x "$product/medpay.sh" ] || { echo "No product at $product: build first (./run.sh or ./mvnw verify)." >&2; exit 1; }
runs=${RUNS:-5}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# One warm-up start creates the database and the OSGi caches, as on a till that has run before.
MEDPAY_VMARGS="-Dmedpay.exitAfterStartup=true -Dmedpay.data.dir=$work/data -Duser.home=$work/home" \
  timeout 60 "$product/medpay.sh" > "$work/warmup.log" 2>&1 || { cat "$work/warmup.log"; exit 1; }
times=(); cpus=(); uis=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%3N)
  MEDPAY_VMARGS="-Dmedpay.exitAfterStartup=true -Dmedpay.data.dir=$work/data -Duser.home=$work/home" \
    timeout 60 "$product/medpay.sh" > "$work/run$i.log" 2>&1
  painted=$(sed -n 's/.*MEDPAY_MOBILE_PAY_PAINTED epoch_ms=\([0-9]*\).*/\1/p' "$work/run$i.log")
  [ -n "$painted" ] || { echo "run $i: no paint marker"; cat "$work/run$i.log"; exit 1; }
  times+=($((painted - t0)))
  cpus+=($(sed -n 's/.*MEDPAY_MOBILE_PAY_PAINTED.* process_cpu_ms=\([0-9]*\).*/\1/p' "$work/run$i.log"))
  uis+=($(sed -n 's/.*MEDPAY_MOBILE_PAY_PAINTED.* ui_thread_cpu_ms=\([0-9]*\).*/\1/p' "$work/run$i.log"))
  echo "run_${i}_ms: $((painted - t0))"
done
median() { local s=($(printf '%s\n' "$@" | sort -n)); echo "${s[$(($# / 2))]}"; }
echo "startup_ms_median: $(median "${times[@]}")"
# CPU spent until the paint (all threads / the UI thread): comparable even when the machine is busy.
echo "startup_process_cpu_ms_median: $(median "${cpus[@]}")"
echo "startup_ui_thread_cpu_ms_median: $(median "${uis[@]}")"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bundles: $(ls "$product/plugins" | wc -l)"
