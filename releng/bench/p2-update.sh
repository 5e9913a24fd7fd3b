#!/usr/bin/env bash
# p2 update benchmark/test (docs/updates.md): runs releng/scripts/p2-update-test.sh against the built
# product (run "./mvnw verify" or "./test.sh" first) and prints its figures as "key: value" lines.
# Not part of ./test.sh by default: the N+1 rebuild takes 1.5 to 6 minutes on the 2-core machine
# depending on its load. "MEDPAY_P2_UPDATE_TEST=1 ./test.sh" runs it there too.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "No DISPLAY and no xvfb-run: install xvfb." >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$@"
fi
export GDK_BACKEND=x11
mkdir -p releng/bench/out
# The figures are its "key: value" lines (build_n_plus_1_s, headless_update_ms, ...); a copy stays in
# releng/bench/out/p2-update.txt.
bash releng/scripts/p2-update-test.sh | tee releng/bench/out/p2-update.txt
exit "${PIPESTATUS[0]}"
