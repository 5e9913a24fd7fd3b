package org.medpay.payment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Config Admin PID {@code org.medpay.payment}. */
@ObjectClassDefinition(name = "MedPay settlement", description = "Which region the till settles with")
public @interface PaymentConfig {

    /** The sandbox (training) region until IT configures the store's real one. */
    String DEFAULT_REGION = "999999";

    @AttributeDefinition(description = "Region code of the store, e.g. 510100; 999999 = sandbox (training)")
    String region() default DEFAULT_REGION;

    /**
     * This till's id in the journal (org.medpay.persistence.TillId): on a chain's central database each till
     * resumes only its own open attempts and refunds. Empty = an id generated once into the data area.
     */
    @AttributeDefinition(description = "Till id (max 32 ASCII characters, no spaces); empty = generated once and kept in the data area", required = false)
    String tillId() default "";
}
