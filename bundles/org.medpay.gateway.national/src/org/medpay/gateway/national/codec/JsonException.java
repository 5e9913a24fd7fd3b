package org.medpay.gateway.national.codec;

/** A text that is not the JSON (or XML) it should be. */
public class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    public JsonException(String message, int position) {
        super(message + " at " + position);
    }
}
