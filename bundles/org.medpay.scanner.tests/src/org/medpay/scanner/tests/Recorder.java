package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanListener;
import org.medpay.scanner.ScannerStatus;

/** A listener that queues what it hears, so tests can wait for it. */
final class Recorder implements ScanListener {

    final BlockingQueue<ScanEvent> scans = new LinkedBlockingQueue<>();
    final BlockingQueue<ScanDiagnosis> diagnoses = new LinkedBlockingQueue<>();
    final BlockingQueue<ScannerStatus> statuses = new LinkedBlockingQueue<>();

    @Override
    public void scanned(ScanEvent event) {
        scans.add(event);
    }

    @Override
    public void diagnosed(ScanDiagnosis diagnosis) {
        diagnoses.add(diagnosis);
    }

    @Override
    public void statusChanged(ScannerStatus status) {
        statuses.add(status);
    }

    ScanEvent nextScan() throws InterruptedException {
        ScanEvent e = scans.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no scan within 10 s");
        return e;
    }

    ScanDiagnosis nextDiagnosis() throws InterruptedException {
        ScanDiagnosis d = diagnoses.poll(10, TimeUnit.SECONDS);
        assertNotNull(d, "no diagnosis within 10 s");
        return d;
    }

    ScannerStatus awaitStatus(Predicate<ScannerStatus> p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            ScannerStatus s = statuses.poll(200, TimeUnit.MILLISECONDS);
            if (s != null && p.test(s)) {
                return s;
            }
        }
        throw new AssertionError("status not reached within 15 s");
    }
}
