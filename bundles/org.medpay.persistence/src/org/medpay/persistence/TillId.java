package org.medpay.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Which till this workstation is. Journal rows that something drives in the background (payment attempts,
 * refunds) carry it, so that on a chain's central database each till resumes its own rows only and never
 * queries or cancels another till's payment in flight.
 *
 * <p>Sources, in order: the {@value #PROPERTY} attribute of Config Admin PID {@value #PID} (IT may name its
 * tills), else an id generated once and kept in the data area's {@value #FILE} file. The data area is this
 * till's alone, so two tills never share a generated id; the same till keeps it across restarts and
 * updates. Payment and refund both resolve through here, from the same PID and the same file, so they
 * agree.
 */
public final class TillId {

    /** The Config Admin PID that carries the till id: the settlement's, the till's other identity (region). */
    public static final String PID = "org.medpay.payment";
    /** The attribute of {@link #PID}; empty or absent = the generated id. */
    public static final String PROPERTY = "tillId";
    /** The file in the data area holding the generated id. */
    public static final String FILE = "till-id";
    /** The journal columns are this wide. */
    public static final int MAX_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    /** Payment and refund start on threads of their own and may both find no file yet: one generates. */
    private static final Object LOCK = new Object();

    private TillId() {
    }

    /**
     * @param configured the {@value #PROPERTY} attribute, may be null or blank
     * @param dataArea   the data area ({@link DataArea#resolve}); the generated id is kept there
     * @return the till id: printable ASCII without spaces, 1 to {@value #MAX_LENGTH} characters
     * @throws IllegalArgumentException when the configured id is not such a string (a typo must not quietly
     *                                  make the till someone else, nor silently fall back to the generated id)
     * @throws UncheckedIOException     when the file can be neither read nor written
     * @throws IllegalStateException    when the file holds no valid id (see {@link #read})
     */
    public static String resolve(String configured, Path dataArea) {
        if (configured != null && !configured.isBlank()) {
            String id = configured.strip();
            if (!valid(id)) {
                throw new IllegalArgumentException("Config Admin " + PID + " " + PROPERTY
                        + " must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces: '" + id + "'");
            }
            return id;
        }
        Path file = dataArea.resolve(FILE);
        synchronized (LOCK) {
            try {
                String kept = read(file);
                if (kept != null) {
                    return kept;
                }
                Files.createDirectories(dataArea);
                String id = generate();
                Path tmp = Files.createTempFile(dataArea, FILE, ".tmp");
                try {
                    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap((id + System.lineSeparator()).getBytes(StandardCharsets.US_ASCII)));
                        ch.force(true); // on disk before it has a name: a power cut never leaves an empty id file
                    }
                    // Without REPLACE_EXISTING: an id once written is never replaced, whoever wrote it.
                    Files.move(tmp, file);
                    return id;
                } catch (FileAlreadyExistsException raced) {
                    return read(file);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or write the till id in " + file, e);
            }
        }
    }

    /**
     * The kept id, or null when there is no file. A file that holds no valid id stops the till rather than
     * getting a new id: the journal's open rows carry the old one, and only that id resumes them. IT sets
     * the old id (support finds it in the log, "till ...") or removes the file.
     */
    private static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String id = Files.readString(file, StandardCharsets.ISO_8859_1).strip();
        if (!valid(id)) {
            throw new IllegalStateException(file + " holds no valid till id; set " + PROPERTY + " in Config Admin "
                    + PID + " to this till's id, or remove the file");
        }
        return id;
    }

    static boolean valid(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Host name (for support: which machine a row came from) and 10 random characters (50 bits: two tills
     * with the same host name, e.g. cloned images, still differ).
     */
    static String generate() {
        StringBuilder id = new StringBuilder(host()).append('-');
        for (int i = 0; i < 10; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            name = System.getenv("COMPUTERNAME");
        }
        StringBuilder h = new StringBuilder();
        if (name != null) {
            for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c == '.' || h.length() == 16) {
                    break; // the short name is enough
                }
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                    h.append(c);
                }
            }
        }
        return h.isEmpty() ? "till" : h.toString();
    }
}
