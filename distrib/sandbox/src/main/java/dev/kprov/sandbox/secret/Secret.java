package dev.kprov.sandbox.secret;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A password or an activation key. Only {@link #reveal()} gives its value, to the one call that needs it
 * (the platform's request, the gateway's CryptoService); {@code toString} is {@value #SHOWN}, which is
 * all the sandbox ever prints of a secret.
 */
public final class Secret {

    /** How a secret appears in the sandbox's output. */
    public static final String SHOWN = "<set>";
    /**
     * System property: a tag appended to every generated secret, so that the suite's log audit
     * (audit/, which looks for {@code S3CR3T}) would find one that leaked. Unset for people.
     */
    public static final String MARKER_PROPERTY = "kprov.sandbox.secretMarker";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret given by a person (command line or file); never empty. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret must not be empty");
        }
        return new Secret(value);
    }

    /** {@code length} random characters [A-Za-z0-9], plus the marker when {@value #MARKER_PROPERTY} is set. */
    public static Secret generate(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        String marker = System.getProperty(MARKER_PROPERTY, "");
        return new Secret(text + marker);
    }

    /** The clear text, for the one call that needs it; never print it. */
    public String reveal() {
        return value;
    }

    /** True when both hold the same value (for the wrong-key check); compares in constant time. */
    public boolean sameAs(Secret other) {
        return java.security.MessageDigest.isEqual(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return SHOWN;
    }
}
