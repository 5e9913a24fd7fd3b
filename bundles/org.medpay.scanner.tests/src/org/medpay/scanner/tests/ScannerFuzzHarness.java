package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The full classifier fuzz (not run by the normal build: the name does not end in Test). Started by
 * releng/bench/scanner-fuzz.sh; SCANNER_FUZZ_INPUTS overrides the 1,000,000 inputs, SCANNER_FUZZ_SEED the
 * seed. Writes target/scanner-fuzz.txt.
 */
class ScannerFuzzHarness {

    @Test
    void fuzzTheClassifier() throws IOException {
        long n = Long.parseLong(env("SCANNER_FUZZ_INPUTS", "1000000"));
        long seed = Long.parseLong(env("SCANNER_FUZZ_SEED", "" + System.nanoTime()));
        ClassifierFuzz f = new ClassifierFuzz();
        long t0 = System.nanoTime();
        f.run(n, seed);
        long ms = Math.max(1, (System.nanoTime() - t0) / 1_000_000);
        StringBuilder out = new StringBuilder();
        out.append("scanner_fuzz_inputs: ").append(f.inputs).append('\n');
        out.append("escaped_exceptions: ").append(f.escaped).append('\n');
        out.append("safety_net_hits: ").append(f.safetyNet).append('\n');
        out.append("property_violations: ").append(f.violations).append('\n');
        out.append("seed: ").append(seed).append('\n');
        out.append("elapsed_ms: ").append(ms).append('\n');
        out.append("inputs_per_second: ").append(f.inputs * 1000 / ms).append('\n');
        f.kinds.forEach((k, v) -> out.append("kind_").append(k.name().toLowerCase()).append(": ").append(v).append('\n'));
        if (f.firstProblem != null) {
            out.append("first_problem: ").append(f.firstProblem.replace('\n', ' ')).append('\n');
        }
        String dataDir = System.getProperty("medpay.data.dir", "target/medpay-data");
        Path file = Path.of(dataDir).toAbsolutePath().getParent().resolve("scanner-fuzz.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.print(out);
        assertEquals(0, f.escaped, f.firstProblem);
        assertEquals(0, f.violations, f.firstProblem);
    }

    private static String env(String k, String def) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? def : v.trim();
    }
}
