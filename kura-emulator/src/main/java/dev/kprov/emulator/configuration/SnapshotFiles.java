package dev.kprov.emulator.configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.files.AtomicFile;

/**
 * The snapshot files, as Kura keeps them (KURA-API-FACTS 3.3): {@code snapshot_<id>.xml} in the snapshots
 * folder, {@code <id>} the epoch milliseconds of the snapshot (one more than the newest when the clock has not
 * moved past it), the content the CryptoService encryption of the XML text. A file that starts with {@code <}
 * is read as plain XML, as Kura's shipped {@code snapshot_0.xml} is. Each file is written atomically
 * (temporary file, fsync, rename); above the configured count the oldest are deleted, never
 * {@code snapshot_0.xml} and never the newest.
 */
final class SnapshotFiles {

    /** Where the snapshots are; may fail when no folder can be found. */
    @FunctionalInterface
    interface Folder {
        Path get() throws KuraException;
    }

    /** A snapshot file larger than this is not one of ours. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private static final Pattern NAME = Pattern.compile("snapshot_([0-9]+)\\.xml");
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final Folder folder;
    private final IntSupplier maxCount;
    private final CryptoService crypto;
    private final LongSupplier clock;

    SnapshotFiles(Folder folder, IntSupplier maxCount, CryptoService crypto, LongSupplier clock) {
        this.folder = folder;
        this.maxCount = maxCount;
        this.crypto = crypto;
        this.clock = clock;
    }

    static String fileName(long id) {
        return "snapshot_" + id + ".xml";
    }

    /** The ids of the snapshot files, oldest first. */
    SortedSet<Long> ids() throws KuraException {
        Path dir = folder.get();
        SortedSet<Long> ids = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches() && Files.isRegularFile(file)) {
                    try {
                        ids.add(Long.parseLong(matcher.group(1)));
                    } catch (NumberFormatException e) {
                        LOG.debug("{}: {} is not a snapshot id", ConfigurationServiceImpl.PID, file);
                    }
                }
            }
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_LISTING, e, dir.toString());
        }
        return ids;
    }

    /** Writes {@code xml} as a new snapshot, encrypted, then deletes the oldest above the count; its id. */
    long write(String xml) throws KuraException {
        SortedSet<Long> existing = ids();
        long id = clock.getAsLong();
        if (!existing.isEmpty() && id <= existing.last()) {
            id = existing.last() + 1;
        }
        char[] chars = xml.toCharArray();
        char[] encrypted = crypto.encryptAes(chars);
        Arrays.fill(chars, '\0');
        Path file = folder.get().resolve(fileName(id));
        try {
            writeAtomically(file, new String(encrypted).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_TAKING, e, file.toString());
        }
        LOG.info("{}: snapshot {} written to {}", ConfigurationServiceImpl.PID, id, file);
        deleteOldest();
        return id;
    }

    /** The XML text of snapshot {@code id}, decrypted. */
    String read(long id) throws KuraException {
        Path file = folder.get().resolve(fileName(id));
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_NOT_FOUND, "snapshot " + id);
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING, e, file.toString());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING,
                    file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String content = new String(bytes, StandardCharsets.UTF_8).strip();
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }
        if (content.startsWith("<")) {
            return content;
        }
        try {
            return new String(crypto.decryptAes(content.toCharArray()));
        } catch (KuraException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING,
                    file + " does not decrypt with this gateway's key");
        }
    }

    private void deleteOldest() throws KuraException {
        SortedSet<Long> ids = ids();
        int keep = Math.max(1, maxCount.getAsInt());
        int count = ids.size();
        long newest = ids.isEmpty() ? -1 : ids.last();
        for (long id : ids) {
            if (count <= keep) {
                break;
            }
            if (id == 0 || id == newest) {
                continue; // the seed snapshot counts, but stays
            }
            Path file = folder.get().resolve(fileName(id));
            try {
                Files.deleteIfExists(file);
                count--;
                LOG.info("{}: snapshot {} deleted, {} are kept at most", ConfigurationServiceImpl.PID, id, keep);
            } catch (IOException e) {
                LOG.warn("{}: old snapshot {} could not be deleted: {}", ConfigurationServiceImpl.PID, file,
                        e.toString());
            }
        }
    }

    /** Replaces {@code file} with {@code bytes} atomically (see {@link AtomicFile}). */
    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        AtomicFile.replace(file, bytes);
    }
}
