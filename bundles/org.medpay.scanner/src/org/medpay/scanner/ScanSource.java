package org.medpay.scanner;

/** Where a scan came from. */
public enum ScanSource {
    /** A serial or USB-CDC virtual COM scanner read through jSerialComm. */
    SERIAL,
    /** A USB scanner that types like a keyboard into the focused SWT field. */
    KEYBOARD_WEDGE
}
