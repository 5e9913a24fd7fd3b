package org.medpay.payment.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManagerFactory;

import org.medpay.core.money.Money;
import org.medpay.core.sale.DrugRef;
import org.medpay.core.sale.InsuranceClass;
import org.medpay.core.sale.Sale;
import org.medpay.core.scan.ScannedCode;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.payment.internal.AttemptRow;
import org.medpay.payment.internal.JpaJournal;
import org.medpay.persistence.JpaProvider;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Shared pieces: the real journal on the test Derby, sales, scans. */
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
        ServiceTracker<T, T> tracker = new ServiceTracker<>(FrameworkUtil.getBundle(Fixture.class).getBundleContext(), type, null);
        tracker.open();
        T service = tracker.waitForService(30_000);
        assertNotNull(service, type.getName() + " was not published within 30 s");
        return service;
    }

    /** A region code no other test uses, so open attempts of one test never meet another's gateway. */
    static String freshRegion() {
        return "T" + ProcessHandle.current().pid() % 1000 + "_" + REGIONS.incrementAndGet();
    }

    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 26, 10, 0);

    /** Class A, code-matched: the account may pay (N-2 allows). ¥25.00 */
    static Sale eligibleSale() {
        Sale s = new Sale();
        s.add(new DrugRef("P1", "阿莫西林胶囊", "0.25g*24粒", "盒", Money.ofFen(1250), "XJ01", InsuranceClass.A, false), 2, NOW);
        return s;
    }

    /** One unmatched line: N-2, channel only. ¥28.90 */
    static Sale ineligibleSale() {
        Sale s = eligibleSale();
        s.add(new DrugRef("P2", "维生素C片", "100片", "瓶", Money.ofFen(390), null, null, false), 1, NOW);
        return s;
    }
}
