package dev.kprov.emulator.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;

import dev.kprov.emulator.files.AtomicFile;

/**
 * The packages Kura reinstalls at each start: copies named {@code <name>_<version>.dp} in the packages
 * folder, and the {@code dpa.properties} file mapping each package name to the {@code file:} URL of its
 * copy. The file is rewritten atomically (temporary file, fsync, rename), so a crash leaves the old or
 * the new content. It reads files Kura wrote too ({@code name=file:/opt/eclipse/kura/packages/...}).
 * Copies are deleted only inside the packages folder: a record naming a file elsewhere never deletes it.
 * Not thread safe: the agent's worker thread is its only user.
 */
final class PackageStore {

    /** The largest {@code dpa.properties} read: it holds one short line per package. */
    static final long MAX_RECORD_FILE_BYTES = 1024 * 1024;
    private static final Pattern SAFE_FILE_PART = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final Path recordFile;
    private final Path packagesDir;

    PackageStore(Path recordFile, Path packagesDir) {
        this.recordFile = recordFile.toAbsolutePath().normalize();
        this.packagesDir = packagesDir.toAbsolutePath().normalize();
    }

    Path recordFile() {
        return recordFile;
    }

    Path packagesDir() {
        return packagesDir;
    }

    /** Package name to URL, sorted by name; empty when the file does not exist yet. */
    Map<String, String> recorded() throws KuraException {
        Map<String, String> records = new TreeMap<>();
        if (!Files.exists(recordFile)) {
            return records;
        }
        try {
            long size = Files.size(recordFile);
            if (size > MAX_RECORD_FILE_BYTES) {
                throw new KuraException(KuraErrorCode.STORE_ERROR, recordFile + " is " + size
                        + " bytes, more than the " + MAX_RECORD_FILE_BYTES + " a package list can need; not read");
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(recordFile)) {
                properties.load(in);
            }
            for (String name : properties.stringPropertyNames()) {
                records.put(name, properties.getProperty(name));
            }
            return records;
        } catch (IOException | IllegalArgumentException e) {
            throw new KuraException(KuraErrorCode.STORE_ERROR, e, "cannot read " + recordFile + ": " + e.getMessage());
        }
    }

    /** A new empty file in the packages folder (created if missing) to download a package into. */
    Path newDownload() throws KuraException {
        try {
            Files.createDirectories(packagesDir);
            return Files.createTempFile(packagesDir, ".download-", ".part");
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot create a file in " + packagesDir + ": " + e);
        }
    }

    /** Moves {@code download} to the copy of package {@code name} at {@code version}, replacing it. */
    Path keep(Path download, String name, String version) throws KuraException {
        if (!SAFE_FILE_PART.matcher(name).matches() || !SAFE_FILE_PART.matcher(version).matches()) {
            throw new KuraException(KuraErrorCode.BAD_REQUEST, "package name '" + name + "' or version '" + version
                    + "' holds characters that cannot be part of a file name");
        }
        Path copy = packagesDir.resolve(name + "_" + version + ".dp");
        try {
            moveAtomically(download, copy);
            return copy;
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot keep package '" + name + "' as " + copy + ": " + e);
        }
    }

    /** Records {@code name -> copy}, returning the URL recorded before for {@code name}, or {@code null}. */
    String record(String name, Path copy) throws KuraException {
        Map<String, String> records = recorded();
        String previous = records.put(name, copy.toUri().toString());
        write(records);
        return previous;
    }

    /** Removes the record of {@code name}, returning its URL, or {@code null} when there was none. */
    String forget(String name) throws KuraException {
        Map<String, String> records = recorded();
        String previous = records.remove(name);
        if (previous != null) {
            write(records);
        }
        return previous;
    }

    /**
     * Deletes the copy a record points to when it is a {@code file:} URL of a file in the packages folder.
     *
     * @return whether a file was deleted
     */
    boolean deleteCopy(String url) throws KuraException {
        Path copy = copyOf(url);
        if (copy == null) {
            return false;
        }
        try {
            return Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.IO_ERROR, e, "cannot delete " + copy + ": " + e);
        }
    }

    /** The file a record's URL names when it is inside the packages folder, else {@code null}. */
    Path copyOf(String url) {
        try {
            URI uri = new URI(url);
            if (!"file".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            Path path = Path.of(uri).toAbsolutePath().normalize();
            return path.getParent() != null && path.getParent().equals(packagesDir) ? path : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Deletes a download that was not kept; a failure to do so is not worth more than a return value. */
    static boolean discard(Path download) {
        try {
            return Files.deleteIfExists(download);
        } catch (IOException e) {
            return false;
        }
    }

    private void write(Map<String, String> records) throws KuraException {
        Properties properties = new Properties();
        properties.putAll(records);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            properties.store(bytes, "deployment packages reinstalled at start: name = file URL of the copy");
            AtomicFile.replace(recordFile, bytes.toByteArray());
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.STORE_ERROR, e, "cannot write " + recordFile + ": " + e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
