package org.medpay.refund.internal;

/**
 * The till id from Config Admin PID {@code org.medpay.payment} ({@link org.medpay.persistence.TillId#PID}):
 * the payment component's configuration, read here too so refunds carry the same till id as payments. The
 * attribute is described (metatype) by the payment bundle; this bundle only reads it.
 */
public @interface TillConfig {

    /** Empty = the id generated once into the data area. */
    String tillId() default "";
}
