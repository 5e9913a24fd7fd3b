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
bash releng/scripts/p2-update-test.sh | tee releng/bench/out/p2-update.txt
rc=${PIPESTATUS[0]}
grep -E '^[a-z_0-9]+: ' releng/bench/out/p2-update.txt | grep -v '^p2-update:' || true
exit "$rc"
