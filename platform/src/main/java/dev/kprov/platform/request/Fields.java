package dev.kprov.platform.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.kprov.platform.pki.KeyMaterialException;
import dev.kprov.platform.pki.Pem;

/** Checks of single request fields; messages name the field and never quote a secret. */
final class Fields {

    /** PROTOCOL.md section 7: at most 10 certificates in {@code ssl.ca.certificates}. */
    static final int MAX_CA_CERTIFICATES = 10;
    static final int MAX_CA_PEM_BYTES = 64 * 1024;

    private Fields() {
    }

    /** PROTOCOL.md section 3: a single topic level, never empty, no '/', '+' or '#'. */
    static void topicLevel(String key, String value) throws InvalidRequestException {
        text(key, value);
        if (value.indexOf('/') >= 0 || value.indexOf('+') >= 0 || value.indexOf('#') >= 0) {
            throw new InvalidRequestException(key + " '" + value + "' must be one topic level: no '/', '+' or '#'");
        }
    }

    static void text(String key, String value) throws InvalidRequestException {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(key + " is missing");
        }
        if (value.length() > ProvisionRequestSpec.MAX_TEXT) {
            throw new InvalidRequestException(key + " is longer than " + ProvisionRequestSpec.MAX_TEXT + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRequestException(key + " holds a control character");
            }
        }
    }

    /** Like {@link #text} for a value that must never appear in a message. */
    static void secret(String key, String value) throws InvalidRequestException {
        text(key, value);
    }

    static void range(String key, int value, int min, int max) throws InvalidRequestException {
        if (value < min || value > max) {
            throw new InvalidRequestException(key + " must be between " + min + " and " + max + " (is " + value + ")");
        }
    }

    /** Reads a whole file, refusing one larger than {@code max} bytes before reading it. */
    static byte[] readBounded(Path file, long max, String key) throws InvalidRequestException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new InvalidRequestException(key + " " + file + ": more than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidRequestException(key + " " + file + ": cannot read (" + e + ")", e);
        }
    }

    static String certificates(String key, Path file) throws InvalidRequestException {
        String pem = new String(readBounded(file, MAX_CA_PEM_BYTES, key), StandardCharsets.US_ASCII);
        try {
            List<?> certificates = Pem.parseCertificates(pem, key + " " + file);
            if (certificates.size() > MAX_CA_CERTIFICATES) {
                throw new InvalidRequestException(key + " " + file + ": " + certificates.size()
                        + " certificates, more than " + MAX_CA_CERTIFICATES);
            }
        } catch (KeyMaterialException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        return pem;
    }
}
