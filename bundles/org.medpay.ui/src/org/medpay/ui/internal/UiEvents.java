package org.medpay.ui.internal;

/** Event-broker topics the UI uses among its own parts. */
public final class UiEvents {

    /** Posted once, when the mobile-pay view has painted for the first time; data: epoch millis. */
    public static final String MOBILE_PAY_PAINTED = "org/medpay/ui/mobilepay/painted";

    private UiEvents() {
    }
}
