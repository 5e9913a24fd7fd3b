package org.medpay.scanner.internal;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.medpay.scanner.ScanDiagnosis;
import org.medpay.scanner.ScanEvent;
import org.medpay.scanner.ScannerConfig;
import org.medpay.scanner.ScannerStatus;
import org.medpay.scanner.ScannerStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fazecast.jSerialComm.SerialPort;

/**
 * One thread per configured port: opens it, reads, hands bytes to a {@link FrameAssembler}, and survives
 * the scanner being unplugged (polls until the port is back) and the port being held by another program
 * (reported as N-4, retried until it is free).
 */
public final class SerialReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialReader.class);
    /** How often a missing or busy port is tried again: fast enough that the cashier sees no wait after re-plugging. */
    static final long POLL_MS = Long.getLong("medpay.scanner.pollMs", 500);
    private static final int READ_TIMEOUT_MS = 50;

    private final ScannerConfig config;
    private final Clock clock;
    private final Consumer<ScanEvent> scans;
    private final Consumer<ScanDiagnosis> diagnoses;
    private final Consumer<ScannerStatus> statuses;
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile SerialPort port;
    private State state;

    public SerialReader(ScannerConfig config, Clock clock, Consumer<ScanEvent> scans, Consumer<ScanDiagnosis> diagnoses,
            Consumer<ScannerStatus> statuses) {
        this.config = config;
        this.clock = clock;
        this.scans = scans;
        this.diagnoses = diagnoses;
        this.statuses = statuses;
    }

    public void start() {
        Thread t = new Thread(this, "medpay-scanner-" + config.port());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    @Override
    public void run() {
        String name = config.port();
        byte[] buf = new byte[256];
        FrameAssembler frames = new FrameAssembler(config, name, clock);
        while (running) {
            SerialPort p = port;
            if (p == null) {
                if (!deviceExists(name)) {
                    status(State.WAITING_FOR_PORT, "");
                    sleep(POLL_MS);
                    continue;
                }
                // A fresh SerialPort each time: jSerialComm resolves links (/dev/serial/by-id/…) when created,
                // and a re-plugged scanner may come back under another device node.
                p = SerialPort.getCommPort(name);
                p.setComPortParameters(config.baudRate(), config.dataBits(), stopBits(), parity());
                p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
                if (!p.openPort()) {
                    int err = p.getLastErrorCode();
                    p.closePort();
                    if (deviceExists(name)) {
                        // Serial ports are exclusive: present but not openable means another program holds it (N-4).
                        if (state != State.PORT_BUSY) {
                            List<String> holders = PortHolders.others(name);
                            String detail = (holders.isEmpty() ? "" : String.join(", ", holders) + " ") + "errno " + err;
                            status(State.PORT_BUSY, detail);
                            diagnoses.accept(new ScanDiagnosis(ScanDiagnosis.Kind.PORT_BUSY, name, clock.instant(), detail));
                        }
                    } else {
                        status(State.WAITING_FOR_PORT, "");
                    }
                    sleep(POLL_MS);
                    continue;
                }
                port = p;
                status(State.CONNECTED, p.getSystemPortPath());
                List<String> sharing = PortHolders.others(name);
                if (!sharing.isEmpty()) {
                    // Opened, but on Linux an unlocked tty can be open twice: whoever reads first gets the scan.
                    diagnoses.accept(new ScanDiagnosis(ScanDiagnosis.Kind.PORT_SHARED, name, clock.instant(),
                            String.join(", ", sharing)));
                }
            }
            int n = p.readBytes(buf, buf.length);
            long now = clock.millis();
            if (n < 0 || (n == 0 && !deviceExists(name))) {
                LOG.info("Scanner port {} went away (read {}, errno {}); waiting for it to return", name, n,
                        p.getLastErrorCode());
                closeQuietly();
                deliver(frames.tick(Long.MAX_VALUE / 2));
                status(State.WAITING_FOR_PORT, "");
                continue;
            }
            deliver(n > 0 ? frames.feed(buf, n, now) : frames.tick(now));
        }
        closeQuietly();
    }

    private void deliver(List<Object> items) {
        for (Object o : items) {
            if (o instanceof ScanEvent e) {
                LOG.info("Serial scan {}", e); // ScanEvent.toString masks the code
                scans.accept(e);
            } else if (o instanceof ScanDiagnosis d) {
                LOG.warn("Serial scan problem {}", d);
                diagnoses.accept(d);
            }
        }
    }

    /** Publishes a status when it changed; true if it did. */
    private boolean status(State s, String detail) {
        if (s == state) {
            return false;
        }
        state = s;
        ScannerStatus st = new ScannerStatus(s, config.port(), clock.instant(), detail);
        LOG.info("Scanner {}: {}", config.port(), st.message(Locale.ENGLISH));
        statuses.accept(st);
        return true;
    }

    private void closeQuietly() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            try {
                p.closePort();
            } catch (RuntimeException e) {
                LOG.debug("close {}", config.port(), e);
            }
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // stop() interrupts; the loop checks running
        }
    }

    /** COM3 on Windows, a device path or a bare name (ttyACM0) elsewhere. */
    static boolean deviceExists(String name) {
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return new File(name).exists();
        }
        if (new File("/dev/" + name).exists()) {
            return true;
        }
        for (SerialPort p : SerialPort.getCommPorts()) {
            if (name.equalsIgnoreCase(p.getSystemPortName())) {
                return true;
            }
        }
        return false;
    }

    private int stopBits() {
        return switch (config.stopBits()) {
        case ONE -> SerialPort.ONE_STOP_BIT;
        case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
        case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private int parity() {
        return switch (config.parity()) {
        case NONE -> SerialPort.NO_PARITY;
        case ODD -> SerialPort.ODD_PARITY;
        case EVEN -> SerialPort.EVEN_PARITY;
        case MARK -> SerialPort.MARK_PARITY;
        case SPACE -> SerialPort.SPACE_PARITY;
        };
    }
}
