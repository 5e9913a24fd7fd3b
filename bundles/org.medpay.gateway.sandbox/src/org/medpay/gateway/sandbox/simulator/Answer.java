package org.medpay.gateway.sandbox.simulator;

/** What the simulator sends back, and which transport fault (SLOW/RESET/MALFORMED) to apply to it. */
record Answer(int status, String contentType, String body, Scenario fault) {

    static final String JSON = "application/json;charset=utf-8";
    static final String XML = "text/xml;charset=utf-8";

    static Answer json(String body) {
        return new Answer(200, JSON, body, null);
    }

    static Answer xml(String body) {
        return new Answer(200, XML, body, null);
    }

    Answer withFault(Scenario f) {
        return new Answer(status, contentType, body, f == Scenario.SLOW || f == Scenario.RESET || f == Scenario.MALFORMED
                ? f : fault);
    }
}
