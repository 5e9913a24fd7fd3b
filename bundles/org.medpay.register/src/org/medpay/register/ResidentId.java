package org.medpay.register;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character resident ID (GB 11643): 6-digit area, 8-digit birth date, 3-digit sequence, and a check
 * character by ISO 7064 MOD 11-2 ({@code 0}-{@code 9} or {@code X}).
 */
public final class ResidentId {

    private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
    private static final char[] CHECK = "10X98765432".toCharArray();

    public enum Problem {
        FORMAT, BIRTH_DATE, CHECK_DIGIT
    }

    private ResidentId() {
    }

    /** The check character for the first 17 digits. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /**
     * @param today birth dates after it, or before 1900, are not plausible
     * @return the first problem, or empty when the number is valid
     */
    public static Optional<Problem> check(String id, LocalDate today) {
        if (id == null || !id.matches("\\d{17}[\\dXx]")) {
            return Optional.of(Problem.FORMAT);
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (birth.getYear() < 1900 || birth.isAfter(today)) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (Character.toUpperCase(id.charAt(17)) != checkChar(id)) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }
}
