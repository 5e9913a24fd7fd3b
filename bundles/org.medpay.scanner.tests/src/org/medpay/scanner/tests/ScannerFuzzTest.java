package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;

/** A small run of the classifier fuzz in every build; releng/bench/scanner-fuzz.sh runs the million. */
class ScannerFuzzTest {

    @Test
    void hundredThousandInputsNothingEscapesEveryResultHasAReason() {
        ClassifierFuzz f = new ClassifierFuzz();
        f.run(100_000, 20261126L);
        f.check(null);
        assertEquals(0, f.escaped, f.firstProblem);
        assertEquals(0, f.safetyNet, f.firstProblem);
        assertEquals(0, f.violations, f.firstProblem);
        for (ScannedCodeKind k : ScannedCodeKind.values()) {
            assertTrue(f.kinds.getOrDefault(k, 0L) > 0, "the generators reach " + k + ": " + f.kinds);
        }
    }
}
