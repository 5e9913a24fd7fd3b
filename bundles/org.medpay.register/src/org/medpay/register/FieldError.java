package org.medpay.register;

/**
 * One bad field of a draft.
 *
 * @param field   a stable field key ({@code buyer.idNumber}, {@code insured.name}, {@code relationship}, ...)
 *                the form uses to put the message next to the right input
 * @param code    what is wrong ({@code required}, {@code checkDigit}, {@code birthDate}, ...)
 * @param message the cashier's message (Chinese, or English with {@code -nl en})
 */
public record FieldError(String field, String code, String message) {
}
