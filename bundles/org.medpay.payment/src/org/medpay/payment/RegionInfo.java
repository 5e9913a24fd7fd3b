package org.medpay.payment;

/** @param training the sandbox: nothing is real money and the UI says so */
public record RegionInfo(String code, String displayName, boolean training) {
}
