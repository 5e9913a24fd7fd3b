package org.medpay.register.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the register's identifiers (ID, phone, social-security numbers). Encryption rather than a
 * hash because the register exists to be shown to inspectors, who may need a buyer's full number; the key
 * lives in the data area, apart from the database, so a copied database or a central database's backup
 * reveals only masked numbers. The associated data binds each value to its sale and field, so a value
 * cannot be moved to another entry unnoticed.
 */
final class FieldCipher {

    private static final String PREFIX = "g1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    FieldCipher(Path keyFile) throws IOException {
        this.key = new SecretKeySpec(loadOrCreate(keyFile), "AES");
    }

    private static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] k = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (k.length != 32) {
                throw new IOException("register key " + file + " is not a 256-bit key");
            }
            return k;
        }
        Files.createDirectories(file.getParent());
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, Base64.getEncoder().encodeToString(k), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Windows: the data area under %LOCALAPPDATA% is already private to the user.
        }
        // Atomic: two tills (or threads) racing for the first start must not end up with two keys.
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
        }
        return loadOrCreate(file);
    }

    String encrypt(String plain, String context) {
        if (plain == null || plain.isEmpty()) {
            return "";
        }
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    String decrypt(String stored, String context) {
        if (stored == null || stored.isEmpty()) {
            return "";
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted register value");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("register value does not decrypt (wrong key or altered)", e);
        }
    }
}
