package org.medpay.operator.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2WithHmacSHA256 with a per-operator random salt. The iteration count travels in the stored string
 * ({@code pbkdf2-sha256$iterations$salt$hash}) so it can be raised later without invalidating old PINs.
 */
public final class PinHasher {

    /** OWASP's 2023 figure is 600,000; a six-digit PIN also relies on the lock-out, not on the hash alone. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public PinHasher(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("too few PBKDF2 iterations: " + iterations);
        }
        this.iterations = iterations;
    }

    public String hash(char[] pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] dk = derive(pin, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(dk);
    }

    public boolean verify(char[] pin, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        int iter = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(pin, salt, iter));
    }

    /** Spends the same time as a real check, so an unknown code does not answer faster than a wrong PIN. */
    public void burn(char[] pin) {
        derive(pin, new byte[16], iterations);
    }

    private static byte[] derive(char[] pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }
}
