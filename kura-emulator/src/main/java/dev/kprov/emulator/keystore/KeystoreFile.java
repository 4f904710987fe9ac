package dev.kprov.emulator.keystore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.files.AtomicFile;

/**
 * The PKCS#12 file behind a keystore: read with a size bound, written whole and atomically (temporary
 * file in the same folder, fsync, rename over the old file, fsync of the folder), so that a crash leaves
 * either the old keystore or the new one, never a torn file.
 */
final class KeystoreFile {

    static final String TYPE = "PKCS12";
    /** A gateway keystore holds a few dozen entries; anything this large is not ours. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final String TEMP_SUFFIX = AtomicFile.TEMP_SUFFIX;

    private static final Logger LOG = LoggerFactory.getLogger(KeystoreFile.class);

    private final Path file;

    KeystoreFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The file's bytes, at most {@link #MAX_BYTES}. */
    byte[] read() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException("keystore file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** Replaces the file with {@code bytes} atomically (see {@link AtomicFile}). */
    void write(byte[] bytes) throws IOException {
        AtomicFile.replace(file, bytes);
    }


    static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(TYPE);
        try {
            keyStore.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty in-memory keystore cannot fail to load", e);
        }
        return keyStore;
    }

    static KeyStore decode(byte[] bytes, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance(TYPE);
        keyStore.load(new ByteArrayInputStream(bytes), password);
        return keyStore;
    }

    static byte[] encode(KeyStore keyStore, char[] password) throws IOException, GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keyStore.store(out, password);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "KeystoreFile[" + file + "]";
    }
}
