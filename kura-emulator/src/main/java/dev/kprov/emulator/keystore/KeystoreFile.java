package dev.kprov.emulator.keystore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS#12 file behind a keystore: read with a size bound, written whole and atomically (temporary
 * file in the same folder, fsync, rename over the old file, fsync of the folder), so that a crash leaves
 * either the old keystore or the new one, never a torn file.
 */
final class KeystoreFile {

    static final String TYPE = "PKCS12";
    /** A gateway keystore holds a few dozen entries; anything this large is not ours. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    static final String TEMP_SUFFIX = ".tmp";

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

    /** Replaces the file with {@code bytes}; on failure the old file is untouched and no temporary file stays. */
    void write(byte[] bytes) throws IOException {
        Path folder = file.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", TEMP_SUFFIX);
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Same folder, so only an exotic file system gets here; a plain replace is the best left.
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncFolder(folder);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static void syncFolder(Path folder) {
        // Makes the rename itself durable. Some platforms cannot open a folder for sync: the file is
        // already complete there, only the rename might be lost on power failure.
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("folder {} could not be synced after a keystore write", folder, e);
        }
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
