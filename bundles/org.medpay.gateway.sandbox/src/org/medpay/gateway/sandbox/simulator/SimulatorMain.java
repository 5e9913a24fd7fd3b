package org.medpay.gateway.sandbox.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The simulator as its own process, for the fault-injection harness that kills the workstation JVM:
 * {@code java -cp <jars> org.medpay.gateway.sandbox.simulator.SimulatorMain --port 18080 [--setting value]...}
 * where settings are those of {@code /sim/settings} (e.g. {@code --faultPercent 20 --slowDelayMillis 3000}).
 * Prints {@code simulator listening on http://127.0.0.1:PORT} once it accepts connections.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: SimulatorMain [--port N] [--<setting> <value>]...");
                System.exit(2);
            }
            String value = args[++i];
            if (a.equals("--port")) {
                port = Integer.parseInt(value);
            } else {
                values.put(a.substring(2), value);
            }
        }
        Simulator sim = new Simulator(new SimulatorSettings());
        sim.apply(values);
        sim.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "simulator-shutdown"));
        System.out.println("simulator listening on " + sim.baseUri());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
