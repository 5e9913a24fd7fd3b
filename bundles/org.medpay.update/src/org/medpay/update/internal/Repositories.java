package org.medpay.update.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a configured repository list (comma/space separated URIs, String[] from Config Admin) into URIs. */
public final class Repositories {

    private Repositories() {
    }

    public static List<URI> parse(Object value) {
        List<URI> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        List<String> parts = new ArrayList<>();
        if (value instanceof String[] array) {
            for (String s : array) {
                parts.addAll(List.of(s.split("[,\\s]+")));
            }
        } else {
            parts.addAll(List.of(String.valueOf(value).split("[,\\s]+")));
        }
        for (String p : parts) {
            if (!p.isBlank()) {
                uris.add(toUri(p.trim()));
            }
        }
        return uris;
    }

    /** "http://...", "file:/..." or a plain folder path (a repository on a USB stick or a share). */
    public static URI toUri(String s) {
        if (s.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !s.matches("^[A-Za-z]:[\\\\/].*")) {
            return URI.create(s);
        }
        return Path.of(s).toAbsolutePath().normalize().toUri();
    }
}
