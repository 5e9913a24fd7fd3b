package org.medpay.register;

/**
 * A person as typed into the register form, with full identifiers. Exists only on the way in: the register
 * stores the identifiers protected and hands out {@link PersonView}s with masked ones.
 *
 * @param socialSecurityNo the insured person's social-security number; may be empty for a proxy buyer
 * @param phone            mainland mobile number; may be empty for the insured when a proxy buys
 */
public record Person(String name, IdType idType, String idNumber, String phone, String socialSecurityNo) {

    public Person {
        name = name == null ? "" : name.strip();
        idNumber = idNumber == null ? "" : idNumber.strip().toUpperCase(java.util.Locale.ROOT);
        phone = phone == null ? "" : phone.strip();
        socialSecurityNo = socialSecurityNo == null ? "" : socialSecurityNo.strip();
    }

    @Override
    public String toString() {
        // Never the identifiers: records end up in logs.
        return "Person[" + name + ", " + idType + "]";
    }
}
