package org.medpay.register;

/** A person as the register shows them: name in full, identifiers masked (org.medpay.core.scan.Masking). */
public record PersonView(String name, IdType idType, String maskedIdNumber, String maskedPhone,
        String maskedSocialSecurityNo) {
}
