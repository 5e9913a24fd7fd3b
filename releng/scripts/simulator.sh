#!/usr/bin/env bash
# Starts the platform simulator (regional insurance platform + Alipay + WeChat Pay) as its own process,
# e.g. for the fault-injection harness that kills the workstation JVM and then compares the simulator's
# ledger with the journal.
#
#   releng/scripts/simulator.sh [--port 18080] [--faultPercent 20] [--slowDelayMillis 3000] ...
#
# Needs a build first (./mvnw -B verify): the classpath is the built sandbox + national bundle jars and
# Jetty 12.1.14 (server, http, io, util) + slf4j-api from ~/.m2 (the build downloaded them). Admin:
#   GET  http://127.0.0.1:PORT/sim/ledger     per out_trade_no: charged, refunds, net; settlements; calls
#   POST http://127.0.0.1:PORT/sim/reset      forget everything
#   GET|POST http://127.0.0.1:PORT/sim/settings  read / change settings (JSON object)
# Point the till at it with Config Admin PID org.medpay.gateway.sandbox, simulatorUrl=http://127.0.0.1:PORT
set -euo pipefail
cd "$(dirname "$0")/../.."
. releng/scripts/find-jdk.sh
medpay_find_jdk
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
jetty=12.1.14
cp=""
for jar in bundles/org.medpay.gateway.sandbox/target/org.medpay.gateway.sandbox-*.jar \
           bundles/org.medpay.gateway.national/target/org.medpay.gateway.national-*.jar \
           "$m2/org/eclipse/jetty/jetty-server/$jetty/jetty-server-$jetty.jar" \
           "$m2/org/eclipse/jetty/jetty-http/$jetty/jetty-http-$jetty.jar" \
           "$m2/org/eclipse/jetty/jetty-io/$jetty/jetty-io-$jetty.jar" \
           "$m2/org/eclipse/jetty/jetty-util/$jetty/jetty-util-$jetty.jar" \
           "$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar"; do
  [ -f "$jar" ] || { echo "simulator: missing $jar (run ./mvnw -B verify first)" >&2; exit 1; }
  cp="$cp${cp:+:}$jar"
done
# A logger for Jetty's messages when the build left one in ~/.m2 (optional).
simple="$m2/org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar"
[ -f "$simple" ] && cp="$cp:$simple"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.medpay.gateway.sandbox.simulator.SimulatorMain "$@"
