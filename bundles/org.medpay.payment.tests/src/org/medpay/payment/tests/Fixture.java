package org.medpay.payment.tests;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.persistence.JpaProvider;
import org.medpay.testing.Services;

/** Shared pieces: the real journal on the test Derby, scans, the time of the sales (org.medpay.testing.Sales). */
final class Fixture {

    static final ScannedCode ALIPAY = new ScannedCode("281234567890123456", ScannedCodeKind.ALIPAY_PAYMENT_CODE, "test");
    static final ScannedCode WECHAT = new ScannedCode("134567890123456789", ScannedCodeKind.WECHAT_PAYMENT_CODE, "test");
    static final ScannedCode EVOUCHER = new ScannedCode("EC0123456789ABCDEFGH", ScannedCodeKind.INSURANCE_EVOUCHER, "test");
    static final ScannedCode GARBAGE = new ScannedCode("hello", ScannedCodeKind.GARBAGE, "test");

    /** The till id of the tests' own engines (org.medpay.persistence.TillId; the runtime's service has its own). */
    static final String TILL = "payment-tests";

    private static final AtomicInteger REGIONS = new AtomicInteger();
    private static EntityManagerFactory emf;
    private static JpaJournal journal;

    private Fixture() {
    }

    static synchronized JpaJournal journal() throws InterruptedException {
        if (journal == null) {
            // The tests' own engines get a database of their own: the runtime's payment service resumes every
            // open attempt of its database (at start, and for a region whenever its gateway binds again, as
            // when a test reconfigures the sandbox) and would take over a test engine's attempt mid-flight.
            java.nio.file.Path db;
            try {
                // Under target/ (beside the runtime's data area): mvn clean removes it, nothing is left in /tmp.
                db = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of(
                        System.getProperty("medpay.data.dir", "target/medpay-data")).toAbsolutePath().getParent(), "scratch-db")
                        .resolve("db");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            emf = await(JpaProvider.class).createEntityManagerFactory("medpay.payment", AttemptRow.class.getClassLoader(),
                    "jdbc:derby:" + db.toAbsolutePath() + ";create=true");
            journal = new JpaJournal(emf);
        }
        return journal;
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        return Services.require(Services.context(Fixture.class), type);
    }

    /** A region code no other test uses, so open attempts of one test never meet another's gateway. */
    static String freshRegion() {
        return "T" + ProcessHandle.current().pid() % 1000 + "_" + REGIONS.incrementAndGet();
    }

    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 26, 10, 0);

    /**
     * An attempt as a crash leaves it in the journal (not yet written): paying {@code totalFen} by Alipay, its
     * 60 s window opened at {@code createdAt}. Tests set the legs' states they need.
     */
    static AttemptRow openAttempt(String idPrefix, String region, long createdAt, long totalFen) {
        AttemptRow a = new AttemptRow();
        a.id = idPrefix + System.nanoTime();
        a.saleId = "sale-" + a.id;
        a.region = region;
        a.operatorCode = "C01";
        a.operatorName = "李收银";
        a.codeKind = "ALIPAY_PAYMENT_CODE";
        a.maskedCode = "28**1234";
        a.totalFen = totalFen;
        a.snapshot = "";
        a.state = org.medpay.payment.AttemptState.PAYING.name();
        a.phase = AttemptRow.FORWARD;
        a.createdAt = createdAt;
        a.deadline = createdAt + 60_000;
        a.updatedAt = createdAt;
        a.channel = "ALIPAY";
        a.outTradeNo = a.id;
        a.chAmountFen = totalFen;
        return a;
    }
}
