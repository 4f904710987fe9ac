package dev.kprov.platform.request;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Activation keys: 32 random characters from [A-Za-z0-9], never logged. */
public final class ActivationKeys {

    public static final int GENERATED_LENGTH = 32;
    static final int MAX_LENGTH = 256;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ActivationKeys() {
    }

    /** A new key of {@value #GENERATED_LENGTH} characters [A-Za-z0-9]. */
    public static String generate() {
        StringBuilder key = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /**
     * The key held in {@code file} (first line); when the file does not exist, a generated key is written
     * there first, readable by its owner only, so that a person can hand it to the gateway.
     */
    static String readOrCreate(Path file) throws InvalidRequestException {
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path created;
                try {
                    created = Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    created = Files.createFile(file);
                }
                Files.write(created, (generate() + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException e) {
                // Another writer was first: read theirs.
            } catch (IOException e) {
                throw new InvalidRequestException("activation.key.file " + file + ": cannot create (" + e + ")", e);
            }
        }
        return firstLine(file, "activation.key.file");
    }

    /** The first line of a small secret file, trimmed (for {@code password.file} and key files). */
    static String firstLine(Path file, String key) throws InvalidRequestException {
        try {
            if (Files.size(file) > 4096) {
                throw new InvalidRequestException(key + " " + file + ": larger than 4096 bytes");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).trim();
            if (line.isEmpty()) {
                throw new InvalidRequestException(key + " " + file + ": empty");
            }
            return line;
        } catch (IOException e) {
            throw new InvalidRequestException(key + " " + file + ": cannot read (" + e + ")", e);
        }
    }
}
