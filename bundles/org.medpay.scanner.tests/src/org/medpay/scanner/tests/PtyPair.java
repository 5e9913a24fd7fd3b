package org.medpay.scanner.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair from socat: the till opens {@link #device()}, the test plays the scanner by
 * writing to {@link #scannerEnd()}. Killing and restarting socat with the same links is the scanner being
 * unplugged and plugged back.
 */
final class PtyPair implements AutoCloseable {

    private final Path device;
    private final Path scannerEnd;
    private Process socat;

    PtyPair(Path dir) {
        this.device = dir.resolve("ttyScanner");
        this.scannerEnd = dir.resolve("scannerEnd");
    }

    static boolean socatAvailable() {
        for (String p : new String[] { "/usr/bin/socat", "/bin/socat", "/usr/local/bin/socat" }) {
            if (Files.isExecutable(Path.of(p))) {
                return true;
            }
        }
        return false;
    }

    PtyPair start() throws IOException, InterruptedException {
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + device,
                "pty,raw,echo=0,link=" + scannerEnd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!(Files.exists(device) && Files.exists(scannerEnd))) {
            if (System.currentTimeMillis() > deadline || !socat.isAlive()) {
                throw new IOException("socat did not create " + device);
            }
            Thread.sleep(20);
        }
        return this;
    }

    /** The scanner is unplugged: socat dies and its links disappear. */
    void stop() throws InterruptedException {
        if (socat != null) {
            socat.destroy();
            socat.waitFor(5, TimeUnit.SECONDS);
            socat = null;
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (Files.exists(device) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    String device() {
        return device.toString();
    }

    Path scannerEnd() {
        return scannerEnd;
    }

    void send(String s) throws IOException {
        send(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    void send(byte[] b) throws IOException {
        try (OutputStream out = Files.newOutputStream(scannerEnd)) {
            out.write(b);
            out.flush();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
