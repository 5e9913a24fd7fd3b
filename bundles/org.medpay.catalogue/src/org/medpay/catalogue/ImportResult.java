package org.medpay.catalogue;

import java.nio.charset.Charset;

/** What an import that went through changed. */
public record ImportResult(int rows, int drugsInCatalogue, Charset encoding, long millis) {
}
