# Sourced by the build/run/test scripts: sets JAVA_HOME to a JDK >= 21 or stops with a clear message.
# Order: JAVA_HOME if it is good enough, then the system's JVM folder, then javac on the PATH.
jdk_version() { # $1 = JDK home; prints its major version or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
medpay_find_jdk() {
  local v home
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_version "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME; return 0; fi
    echo "Note: JAVA_HOME=$JAVA_HOME is not a JDK 21+; looking elsewhere." >&2
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    v=$(jdk_version "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$home"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(jdk_version "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$home"; return 0; fi
  fi
  echo "MedPay needs a JDK 21 or newer to build (Tycho 5, SWT 3.135, Derby 10.17)." >&2
  echo "None found in JAVA_HOME, /usr/lib/jvm or on the PATH. Install one, e.g. 'apt-get install openjdk-21-jdk'," >&2
  echo "or point JAVA_HOME at it." >&2
  return 1
}
