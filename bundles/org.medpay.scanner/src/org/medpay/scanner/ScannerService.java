package org.medpay.scanner;

import java.util.List;

/**
 * Delivers scan events from the serial scanner (and relays the keyboard wedge's, see
 * {@link #publish(ScanEvent)}) to whoever listens: the mobile-pay view's 电子社保码 field and the sale
 * entry field (P-11). Configuration lives in Config Admin under {@link ScannerConfig#PID}.
 */
public interface ScannerService {

    void addListener(ScanListener listener);

    void removeListener(ScanListener listener);

    ScannerStatus status();

    ScannerConfig config();

    /** Stores the configuration in Config Admin; the serial reader restarts with it. Does I/O: not on the UI thread. */
    void configure(ScannerConfig config) throws java.io.IOException;

    /** The serial ports jSerialComm sees now (system paths such as /dev/ttyACM0 or COM3). */
    List<String> availablePorts();

    /** Hands a scan (e.g. from a keyboard wedge in a settings dialog) to the listeners. */
    void publish(ScanEvent event);
}
