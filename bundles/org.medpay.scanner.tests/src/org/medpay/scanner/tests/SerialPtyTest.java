package org.medpay.scanner.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medpay.core.scan.ScannedCodeKind;
import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScanSource;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerConfig.Terminator;
import org.medpay.scanner.ScannerStatus.State;
import org.medpay.scanner.internal.SerialReader;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The serial scanner end to end over a REAL pseudo-terminal pair (socat) read by the real jSerialComm (its
 * native library extracted inside OSGi): terminators, bursts split across reads, garbage, a port held by
 * another program (N-4), the scanner unplugged and plugged back.
 */
class SerialPtyTest {

    private Path dir;
    private PtyPair pty;
    private SerialReader reader;
    private final Recorder rec = new Recorder();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(PtyPair.socatAvailable(), "socat is not installed (.ci/run installs it)");
        dir = Files.createTempDirectory("medpay-pty");
        pty = new PtyPair(dir).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (reader != null) {
            reader.stop();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void read(ScannerConfig c) throws InterruptedException {
        rec.statuses.clear();
        reader = new SerialReader(c, Clock.systemUTC(), rec::scanned, rec::diagnosed, rec::statusChanged);
        reader.start();
        rec.awaitStatus(s -> s.state() == State.CONNECTED);
    }

    private ScannerConfig serial(Terminator t) {
        return ScannerConfig.DEFAULTS.withMode(ScannerConfig.Mode.SERIAL).withPort(pty.device()).withTerminator(t);
    }

    @Test
    void eachTerminatorEndsAFrame() throws Exception {
        String[][] cases = { { "CR", "\r" }, { "LF", "\n" }, { "CRLF", "\r\n" }, { "TAB", "\t" } };
        for (String[] c : cases) {
            read(serial(Terminator.valueOf(c[0])));
            pty.send("281234567890123456" + c[1] + "6901234567892" + c[1]);
            ScanEvent a = rec.nextScan();
            assertEquals("281234567890123456", a.text(), c[0]);
            assertEquals(ScannedCodeKind.ALIPAY_PAYMENT_CODE, a.code().kind());
            assertEquals(ScanSource.SERIAL, a.source());
            assertEquals(pty.device(), a.origin());
            ScanEvent b = rec.nextScan();
            assertEquals("6901234567892", b.text(), c[0]);
            assertEquals(ScannedCodeKind.DRUG_BARCODE_EAN13, b.code().kind());
            reader.stop();
            reader = null;
            assertTrue(rec.scans.poll(300, TimeUnit.MILLISECONDS) == null, c[0] + ": no stray frame");
        }
    }

    @Test
    void noTerminatorEndsOnIdleGap() throws Exception {
        read(serial(Terminator.NONE));
        pty.send("134567890123456789");
        ScanEvent e = rec.nextScan();
        assertEquals("134567890123456789", e.text());
        assertEquals(ScannedCodeKind.WECHAT_PAYMENT_CODE, e.code().kind());
    }

    @Test
    void burstSplitAcrossReadsIsJoined() throws Exception {
        read(serial(Terminator.CR).withAffixes("STX", ""));
        pty.send("STX2812345");
        Thread.sleep(120); // several reads of the 50 ms timeout pass in between
        pty.send("67890123");
        Thread.sleep(60);
        pty.send("456\r");
        ScanEvent e = rec.nextScan();
        assertEquals("281234567890123456", e.text(), "prefix stripped, parts joined");
        // Timing is measured across the reads (no timing thresholds here: the machine may be loaded).
        assertTrue(e.duration().compareTo(e.maxGap()) >= 0, e.duration() + " / " + e.maxGap());
        assertEquals(18, e.chars());
    }

    @Test
    void garbageIsDeliveredAsGarbageWithItsReason() throws Exception {
        read(serial(Terminator.CR));
        pty.send(new byte[] { '2', '8', 0x07, '1', (byte) 0xFF, '\r' });
        ScanEvent e = rec.nextScan();
        assertEquals(ScannedCodeKind.GARBAGE, e.code().kind());
        assertTrue(e.code().reason().length() > 5);
        pty.send("28123\r");
        assertEquals(ScannedCodeKind.GARBAGE, rec.nextScan().code().kind());
        pty.send("6901234567893\r");
        assertTrue(rec.nextScan().code().reason().contains("EAN-13"));
    }

    @Test
    void missingTerminatorIsReportedAsTruncated() throws Exception {
        read(serial(Terminator.CR));
        pty.send("2812345678");
        ScanDiagnosis d = rec.nextDiagnosis();
        assertEquals(ScanDiagnosis.Kind.BURST_TRUNCATED, d.kind());
        assertTrue(rec.scans.isEmpty(), "a frame without its terminator is not delivered as a scan");
    }

    @Test
    void portHeldByAnotherProgramIsN4AndRecoversWhenReleased() throws Exception {
        SerialPort holder = SerialPort.getCommPort(pty.device());
        assertTrue(holder.openPort(), "the other program opens the port first");
        try {
            reader = new SerialReader(serial(Terminator.CR), Clock.systemUTC(), rec::scanned, rec::diagnosed,
                    rec::statusChanged);
            reader.start();
            rec.awaitStatus(s -> s.state() == State.PORT_BUSY);
            ScanDiagnosis d = rec.nextDiagnosis();
            assertEquals(ScanDiagnosis.Kind.PORT_BUSY, d.kind());
            String zh = d.message(Locale.SIMPLIFIED_CHINESE);
            assertTrue(zh.contains(pty.device()) && zh.contains("其他程序") && zh.contains("退出") && zh.contains("重新扫码"), zh);
            String en = d.message(Locale.ENGLISH);
            assertTrue(en.contains(pty.device()) && en.contains("another program") && en.contains("Quit"), en);
        } finally {
            holder.closePort();
        }
        rec.awaitStatus(s -> s.state() == State.CONNECTED);
        pty.send("6901234567892\r");
        assertEquals("6901234567892", rec.nextScan().text());
    }

    /** Another process (python3) opens the port and locks it, as serial programs do: busy, and named. */
    @Test
    void portLockedByAnotherProcessIsNamed() throws Exception {
        Process other = holder(true);
        try {
            reader = new SerialReader(serial(Terminator.CR), Clock.systemUTC(), rec::scanned, rec::diagnosed,
                    rec::statusChanged);
            reader.start();
            var st = rec.awaitStatus(s -> s.state() == State.PORT_BUSY);
            ScanDiagnosis d = rec.nextDiagnosis();
            assertEquals(ScanDiagnosis.Kind.PORT_BUSY, d.kind());
            assertTrue(d.detail().contains("python3 (" + other.pid() + ")"), d.detail());
            assertTrue(st.message(Locale.SIMPLIFIED_CHINESE).contains("python3"), st.message(Locale.SIMPLIFIED_CHINESE));
        } finally {
            other.destroy();
            other.waitFor(5, TimeUnit.SECONDS);
        }
        rec.awaitStatus(s -> s.state() == State.CONNECTED);
    }

    /**
     * Linux lets a second program open an unlocked tty: the till connects, but says who else has the port
     * (whoever reads first gets the scan, the N-4 case on Linux).
     */
    @Test
    void portOpenedUnlockedByAnotherProcessIsSharedAndSaid() throws Exception {
        Process other = holder(false);
        try {
            read(serial(Terminator.CR));
            ScanDiagnosis d = rec.nextDiagnosis();
            assertEquals(ScanDiagnosis.Kind.PORT_SHARED, d.kind());
            assertTrue(d.message(Locale.SIMPLIFIED_CHINESE).contains("python3 (" + other.pid() + ")"),
                    d.message(Locale.SIMPLIFIED_CHINESE));
        } finally {
            other.destroy();
            other.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private Process holder(boolean lock) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed (.ci/run installs it)");
        String py = "import fcntl,os,sys,time\n"
                + "fd=os.open(sys.argv[1],os.O_RDWR|os.O_NOCTTY)\n"
                + (lock ? "fcntl.flock(fd,fcntl.LOCK_EX|fcntl.LOCK_NB)\n" : "")
                + "print('held',flush=True)\n"
                + "time.sleep(60)\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, pty.device()).redirectErrorStream(true).start();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        assertEquals("held", in.readLine(), "the other program holds the port");
        return p;
    }

    @Test
    void unpluggedAndPluggedBack() throws Exception {
        read(serial(Terminator.CR));
        pty.send("6901234567892\r");
        assertEquals("6901234567892", rec.nextScan().text());

        pty.stop(); // unplugged
        rec.awaitStatus(s -> s.state() == State.WAITING_FOR_PORT);
        assertFalse(Files.exists(Path.of(pty.device())));

        pty.start(); // plugged back: same link, new /dev/pts node
        rec.awaitStatus(s -> s.state() == State.CONNECTED);
        pty.send("281234567890123456\r");
        assertEquals("281234567890123456", rec.nextScan().text());
    }

    @Test
    void portThatNeverExistedIsWaitedFor() throws Exception {
        reader = new SerialReader(serial(Terminator.CR).withPort(dir.resolve("nothing").toString()), Clock.systemUTC(),
                rec::scanned, rec::diagnosed, rec::statusChanged);
        reader.start();
        var s = rec.awaitStatus(x -> x.state() == State.WAITING_FOR_PORT);
        assertTrue(s.message(Locale.SIMPLIFIED_CHINESE).contains("nothing"));
    }
}
