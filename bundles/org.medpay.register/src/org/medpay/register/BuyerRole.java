package org.medpay.register;

/** Whether the person at the counter is the insured person or buys for them (代购). */
public enum BuyerRole {
    INSURED, PROXY
}
