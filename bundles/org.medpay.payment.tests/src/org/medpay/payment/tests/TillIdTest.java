package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medpay.persistence.TillId;

/**
 * Where a till's id comes from (org.medpay.persistence.TillId): Config Admin wins, else an id generated once
 * into the data area and kept there; two data areas (two tills) never share a generated one.
 */
class TillIdTest {

    @TempDir
    Path dir;

    @Test
    void theConfiguredIdWinsAndNothingIsWritten() throws Exception {
        assertEquals("store12-till3", TillId.resolve("  store12-till3 ", dir));
        assertFalse(Files.exists(dir.resolve(TillId.FILE)), "a configured id needs no file");

        String generated = TillId.resolve(null, dir);
        assertEquals("store12-till3", TillId.resolve("store12-till3", dir), "config wins over the kept file too");
        assertEquals(generated, TillId.resolve("", dir));
    }

    @Test
    void aConfiguredIdThatCannotBeStoredIsRefusedNotReplaced() {
        assertThrows(IllegalArgumentException.class, () -> TillId.resolve("till 3", dir));
        assertThrows(IllegalArgumentException.class, () -> TillId.resolve("收银台3", dir));
        assertThrows(IllegalArgumentException.class, () -> TillId.resolve("x".repeat(TillId.MAX_LENGTH + 1), dir));
        assertEquals("x".repeat(TillId.MAX_LENGTH), TillId.resolve("x".repeat(TillId.MAX_LENGTH), dir));
    }

    @Test
    void theGeneratedIdIsKeptInTheDataAreaAndReusedOnEveryCall() throws Exception {
        Path area = dir.resolve("not-yet-created");
        String id = TillId.resolve(null, area);
        assertTrue(id.length() <= TillId.MAX_LENGTH && id.matches("[a-z0-9-]+-[0-9a-z]{10}"), id);
        assertEquals(id, Files.readString(area.resolve(TillId.FILE), StandardCharsets.US_ASCII).strip());
        assertEquals(id, TillId.resolve(null, area));
        assertEquals(id, TillId.resolve("   ", area), "blank config = the generated id");
        try (var files = Files.list(area)) {
            assertEquals(List.of(TillId.FILE), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void twoDataAreasGetTwoIds() {
        String a = TillId.resolve(null, dir.resolve("till-a"));
        String b = TillId.resolve(null, dir.resolve("till-b"));
        assertNotEquals(a, b, "two tills on one central database must never share an id");
    }

    @Test
    void paymentAndRefundResolvingAtOnceGetTheSameId() throws Exception {
        // Both components resolve on start threads of their own, after the window painted.
        Path area = dir.resolve("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<String> resolve = () -> TillId.resolve(null, area);
            List<Future<String>> ids = pool.invokeAll(List.of(resolve, resolve, resolve, resolve));
            String first = ids.get(0).get();
            for (Future<String> f : ids) {
                assertEquals(first, f.get());
            }
            assertEquals(first, TillId.resolve(null, area));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedIdFileStopsTheTillInsteadOfOrphaningItsOpenRows() throws Exception {
        Files.writeString(dir.resolve(TillId.FILE), "  \n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TillId.resolve(null, dir));
        assertTrue(e.getMessage().contains(TillId.PROPERTY), e.getMessage());
        assertEquals("till-9", TillId.resolve("till-9", dir), "IT sets the old id: the till starts again");
    }
}
