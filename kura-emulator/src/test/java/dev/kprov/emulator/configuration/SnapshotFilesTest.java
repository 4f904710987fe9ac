package dev.kprov.emulator.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files: Kura's names and ids, encrypted content, atomic writes, and the oldest deleted above the count. */
class SnapshotFilesTest {

    private static final String XML = "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"/>";

    @TempDir
    Path dir;

    private Fixture fixture() {
        return new Fixture(dir.resolve("user/snapshots"));
    }

    private Set<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aSnapshotIsNamedAfterTheEpochMillisecondsOfItsWriting() throws Exception {
        Fixture fixture = fixture();

        long id = fixture.files.write(XML);

        assertEquals(1_700_000_000_000L, id);
        assertEquals(Set.of("snapshot_1700000000000.xml"), names(fixture.snapshotsDir), "no temporary file is left");
    }

    @Test
    void anIdNotAfterTheNewestBecomesTheNewestPlusOne() throws Exception {
        Fixture fixture = fixture();
        long first = fixture.files.write(XML);
        fixture.clock.set(first - 5_000); // the clock went back

        long second = fixture.files.write(XML);

        assertEquals(first + 1, second);
        assertEquals(List.of(first, second), List.copyOf(fixture.files.ids()));
    }

    @Test
    void theFileHoldsTheCryptoServiceEncryptionOfTheXml() throws Exception {
        Fixture fixture = fixture();

        long id = fixture.files.write(XML);

        String content = Files.readString(fixture.snapshotsDir.resolve(SnapshotFiles.fileName(id)));
        assertFalse(content.contains("esf:configurations"), "the file is not plain XML");
        assertEquals(XML, new String(fixture.crypto.decryptAes(content.toCharArray())));
        assertEquals(XML, fixture.files.read(id));
    }

    @Test
    void aPlainXmlSnapshotAsKuraShipsSnapshotZeroIsRead() throws Exception {
        Fixture fixture = fixture();
        Files.createDirectories(fixture.snapshotsDir);
        Files.writeString(fixture.snapshotsDir.resolve("snapshot_0.xml"), "\n  " + XML, StandardCharsets.UTF_8);

        assertEquals(XML, fixture.files.read(0));
    }

    @Test
    void contentThatDoesNotDecryptIsALoadingErrorAndAMissingIdIsNotFound() throws Exception {
        Fixture fixture = fixture();
        Files.createDirectories(fixture.snapshotsDir);
        Files.writeString(fixture.snapshotsDir.resolve("snapshot_5.xml"), "bm90IGVuY3J5cHRlZCBhdCBhbGwgaGVyZQ==");

        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_LOADING,
                assertThrows(KuraException.class, () -> fixture.files.read(5)).getCode());
        assertEquals(KuraErrorCode.CONFIGURATION_SNAPSHOT_NOT_FOUND,
                assertThrows(KuraException.class, () -> fixture.files.read(6)).getCode());
    }

    @Test
    void aboveTheCountTheOldestAreDeletedButNeverSnapshotZero() throws Exception {
        Fixture fixture = fixture();
        Files.createDirectories(fixture.snapshotsDir);
        Files.writeString(fixture.snapshotsDir.resolve("snapshot_0.xml"), XML);
        Files.writeString(fixture.snapshotsDir.resolve("notes.txt"), "not a snapshot");
        fixture.maxSnapshots.set(3);
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            fixture.clock.addAndGet(1000);
            ids[i] = fixture.files.write(XML);
        }

        assertEquals(new TreeSet<>(List.of(0L, ids[3], ids[4])), fixture.files.ids(),
                "snapshot_0 counts towards the limit, as in Kura, and stays");
        assertTrue(names(fixture.snapshotsDir).contains("notes.txt"), "other files are left alone");
    }

    @Test
    void theNewestIsKeptEvenWithACountBelowOne() throws Exception {
        Fixture fixture = fixture();
        fixture.maxSnapshots.set(0);
        fixture.files.write(XML);
        fixture.clock.addAndGet(1000);

        long newest = fixture.files.write(XML);

        assertEquals(Set.of(newest), fixture.files.ids());
    }
}
