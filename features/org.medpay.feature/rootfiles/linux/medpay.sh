#!/usr/bin/env bash
# Starts MedPay Workstation. The native Eclipse launcher is not used (it is not on Maven Central):
# this script finds a Java >= 21 and starts the Equinox launcher jar directly.
# Chinese by default; pass "-nl en" for English. Extra arguments go to the workbench.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

java_ok() { # $1 = java binary; true when it is version 21 or newer
  local v="" home
  # The JDK's release file answers without starting a JVM (~0.1 s of every start); ask java otherwise.
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  [ -r "$home/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [ -n "$v" ] || v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null
}
find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_ok "$JAVA_HOME/bin/java"; then
    echo "$JAVA_HOME/bin/java"; return 0
  fi
  local j
  for j in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/jdk*/bin/java; do
    [ -x "$j" ] && java_ok "$j" && { echo "$j"; return 0; }
  done
  if command -v java >/dev/null 2>&1 && java_ok "$(command -v java)"; then command -v java; return 0; fi
  return 1
}
JAVA=$(find_java) || {
  echo "MedPay needs Java 21 or newer. None was found in JAVA_HOME, /usr/lib/jvm or on the PATH." >&2
  echo "Install one (e.g. 'apt-get install openjdk-21-jre' or Temurin 21+) or set JAVA_HOME." >&2
  exit 3
}
nl=(-nl zh_CN)
for a in "$@"; do [ "$a" = "-nl" ] && nl=(); done
launcher=$(ls "$here"/plugins/org.eclipse.equinox.launcher_*.jar | head -n 1)
# GTK under X11: SWT's key posting and the tills' remote support tools expect it.
export GDK_BACKEND="${GDK_BACKEND:-x11}"
# Heap and collector of a till (releng/bench/payment-overhead.sh and catalogue-*.sh measure with these very
# options). -Xmx is a ceiling, not a reservation: a re-import of a 200,000-drug catalogue keeps the old index
# searchable while the new one is built, ~250 MB live at its peak (catalogue-search.sh) before the workbench;
# with the serial collector that must fit in the old generation (2/3 of the heap, ~340 MB at 512m), so 768m.
# Not C1 only (-XX:TieredStopAtLevel=1), measured: it takes C2's compiler threads off the first ~1000
# payments after a start (settle overhead p99 then 10 ms instead of 18) and starts faster, but BigInteger's
# Montgomery intrinsics are C2's: the RSA-2048 (RSA2) signature every Alipay request carries costs
# 11-13 ms instead of 1-2 ms, more than it saves.
tuning=(-Xms64m -Xmx768m -XX:+UseSerialGC)
jvm=("$JAVA" ${MEDPAY_VMARGS:-} "${tuning[@]}" -Dosgi.requiredJavaVersion=21
  -Dfile.encoding=UTF-8 -Dorg.slf4j.simpleLogger.defaultLogLevel=info
  -jar "$launcher" -install "$here" -configuration "$here/configuration" "${nl[@]}")
# "-update <repository> [-installFeature <id>] [-check]": IT's headless p2 update, no window; the exit
# code says how it went (docs/updates.md). The workstation must not run on this folder meanwhile.
for a in "$@"; do
  if [ "$a" = "-update" ]; then
    # equinox.app swallows "-update" (an old Update Manager option): the application reads "-updateFrom".
    args=(); for b in "$@"; do [ "$b" = "-update" ] && args+=(-updateFrom) || args+=("$b"); done
    exec "${jvm[@]}" -application org.medpay.update.headless -noSplash -consoleLog "${args[@]}"
  fi
done
# Exit code 23 is the workbench asking for a restart (after an in-app update): start again.
while :; do
  "${jvm[@]}" "$@" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null' TERM INT HUP
  rc=0; wait "$pid" || rc=$?
  trap - TERM INT HUP
  [ "$rc" -eq 23 ] || exit "$rc"
done
