package org.medpay.core.sale;

/** Why a line keeps the whole sale off the personal account (rule N-2). */
public enum IneligibilityReason {
    NOT_CODE_MATCHED, FULLY_SELF_PAID, CLASS_C
}
