#!/usr/bin/env bash
# p2 update test (issue 8, docs/updates.md): takes the materialized Linux product as installation N,
# builds repository N+1 from the same sources with a higher qualifier, serves it over HTTP on 127.0.0.1,
# runs IT's headless update ("medpay.sh -update <url>") on N, and starts N (under the current DISPLAY)
# to check it runs N+1's bundles. Also: an unreachable repository and an unknown feature must fail with
# their exit codes, and a second update must say "up to date" with exit 0.
# Needs the build (./mvnw verify) first. Run by releng/bench/p2-update.sh, and by ./test.sh after the
# smoke test when MEDPAY_P2_UPDATE_TEST=1 (it takes 1.5 to 6 minutes on 2 cores, mostly the rebuild).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
. releng/scripts/find-jdk.sh
medpay_find_jdk || exit 1
product=releng/org.medpay.product/target/products/org.medpay.workstation/linux/gtk/x86_64/medpay
[ -x "$product/medpay.sh" ] || { echo "p2-update: no materialized product at $product (run the build first)"; exit 1; }
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
t0=$(date +%s)
fail() { echo "p2-update: FAILED: $1"; [ -n "${2:-}" ] && { echo "---- $2 ----"; cat "$2"; }; exit 1; }
version_of() { # $1 = installation, $2 = bundle id: the version bundles.info will start
  sed -n "s/^$2,\([^,]*\),.*/\1/p" "$1/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
}

# Installation N: a copy of the build's product, as IT unpacked it on a till.
cp -a "$product" "$work/n"
n_version=$(version_of "$work/n" org.medpay.ui)
[ -n "$n_version" ] || fail "org.medpay.ui is not in N's bundles.info"
n_qualifier=${n_version##*.}

# Repository N+1: the same sources, rebuilt with a qualifier that sorts after N's (tests skipped: the
# build that made N ran them). Built in a copy so the worktree's own output stays N.
mkdir -p "$work/src"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work/src"
n1_qualifier="${n_qualifier}n1"
echo "p2-update: building repository N+1 (qualifier $n1_qualifier)..."
( cd "$work/src" && ./mvnw -B -o -q verify -DskipTests -DforceContextQualifier="$n1_qualifier" \
    -pl releng/org.medpay.product -am ) > "$work/build.log" 2>&1 || fail "the N+1 build failed" "$work/build.log"
repo="$work/src/releng/org.medpay.product/target/repository"
[ -f "$repo/artifacts.jar" ] || [ -f "$repo/artifacts.xml.xz" ] || [ -f "$repo/artifacts.xml" ] || fail "no repository at $repo"
t_build=$(date +%s)

# Served like IT's web server would serve it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$repo" > "$work/http.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
url="http://127.0.0.1:$port/"
closed_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export MEDPAY_VMARGS="-Dmedpay.data.dir=$work/data -Duser.home=$work/home"

# 1. An unreachable repository: exit 4, a clear message, nothing changed.
"$work/n/medpay.sh" -update "http://127.0.0.1:$closed_port/" > "$work/unreachable.log" 2>&1
rc=$?
[ $rc -eq 4 ] || fail "unreachable repository: expected exit 4, got $rc" "$work/unreachable.log"
grep -q "无法连接更新仓库 / Cannot reach the update repository" "$work/unreachable.log" \
  || fail "unreachable repository: no clear message" "$work/unreachable.log"
[ "$(version_of "$work/n" org.medpay.ui)" = "$n_version" ] || fail "a failed update changed the installation"

# 2. The update itself.
t_up0=$(date +%s%3N)
"$work/n/medpay.sh" -update "$url" > "$work/update.log" 2>&1
rc=$?
t_up1=$(date +%s%3N)
[ $rc -eq 0 ] || fail "headless update: exit $rc" "$work/update.log"
grep -q "MEDPAY_UPDATE result=UPDATED exit=0" "$work/update.log" || fail "headless update: no UPDATED line" "$work/update.log"
grep -q "org.medpay.ui  $n_version → 1.0.0.$n1_qualifier" "$work/update.log" \
  || fail "headless update: org.medpay.ui $n_version → 1.0.0.$n1_qualifier not listed" "$work/update.log"
[ "$(version_of "$work/n" org.medpay.ui)" = "1.0.0.$n1_qualifier" ] \
  || fail "bundles.info still starts org.medpay.ui $(version_of "$work/n" org.medpay.ui)" "$work/update.log"

# 3. Once more: nothing to do, exit 0 (a script may run it every night on every till).
"$work/n/medpay.sh" -update "$url" > "$work/again.log" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q "result=UP_TO_DATE" "$work/again.log" || fail "second update: exit $rc, expected UP_TO_DATE" "$work/again.log"

# 4. A feature the repository does not have: exit 5.
"$work/n/medpay.sh" -update "$url" -installFeature org.medpay.gateway.region.nowhere > "$work/nofeature.log" 2>&1
rc=$?
[ $rc -eq 5 ] || fail "unknown feature: expected exit 5, got $rc" "$work/nofeature.log"

# 5. The updated till starts, paints, and runs N+1's bundles.
#    The class-load log shows p2 stayed out of the start (it loads on the first check only).
MEDPAY_VMARGS="$MEDPAY_VMARGS -Dmedpay.exitAfterStartup=true -Xlog:class+load=info:file=$work/classes.log" \
  timeout 120 "$work/n/medpay.sh" -consoleLog > "$work/start.log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "the updated product exited with $rc" "$work/start.log"
grep -q MEDPAY_MOBILE_PAY_PAINTED "$work/start.log" || fail "the updated product never painted" "$work/start.log"
grep -q "MEDPAY_VERSION org.medpay.ui=1.0.0.$n1_qualifier" "$work/start.log" \
  || fail "the updated product does not run org.medpay.ui 1.0.0.$n1_qualifier" "$work/start.log"
if grep -E -q "Exception|^!ENTRY .* 4 " "$work/start.log"; then
  fail "the updated product logged an exception or error" "$work/start.log"
fi
p2_classes=$(grep -c -E ' (org\.eclipse\.equinox\.(internal\.)?p2\.|org\.eclipse\.ecf\.)' "$work/classes.log")
[ "$p2_classes" -eq 0 ] || { grep -E ' (org\.eclipse\.equinox\.(internal\.)?p2\.|org\.eclipse\.ecf\.)' "$work/classes.log" | head -20;
  fail "$p2_classes p2/ECF classes were loaded at start-up"; }
t_end=$(date +%s)
echo "p2-update: N $n_version updated to 1.0.0.$n1_qualifier over HTTP and restarted on it"
echo "p2-update: build N+1: $((t_build - t0)) s; headless update: $((t_up1 - t_up0)) ms; whole test: $((t_end - t0)) s"
echo "p2-update: start-up loaded no p2/ECF class"
echo "build_n_plus_1_s: $((t_build - t0))"
echo "headless_update_ms: $((t_up1 - t_up0))"
echo "updated_start_to_paint_ms: $(sed -n 's/.*since_jvm_start_ms=\([0-9]*\).*/\1/p' "$work/start.log" | head -n 1)"
echo "p2_update_test_total_s: $((t_end - t0))"
echo "p2-update: 5 passed, 0 failed"
