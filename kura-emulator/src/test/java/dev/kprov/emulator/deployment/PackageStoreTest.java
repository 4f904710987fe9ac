package dev.kprov.emulator.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageStoreTest {

    @TempDir
    Path dir;

    private PackageStore store() {
        return new PackageStore(dir.resolve("data/dpa.properties"), dir.resolve("packages"));
    }

    private Path kept(PackageStore store, String name, String version) throws Exception {
        Path download = store.newDownload();
        Files.writeString(download, name + " " + version);
        return store.keep(download, name, version);
    }

    @Test
    void recordsSurviveANewStoreAndLeaveNoTemporaryFile() throws Exception {
        PackageStore store = store();
        Path copy = kept(store, "demo", "1.0.0");

        assertNull(store.record("demo", copy));

        assertEquals(Map.of("demo", copy.toUri().toString()), store().recorded());
        try (var files = Files.list(dir.resolve("data"))) {
            assertEquals(List.of(dir.resolve("data/dpa.properties")), files.toList());
        }
        assertEquals(copy.toUri().toString(), store().forget("demo"));
        assertEquals(Map.of(), store().recorded());
    }

    @Test
    void recordingAgainReturnsThePreviousCopy() throws Exception {
        PackageStore store = store();
        Path old = kept(store, "demo", "1.0.0");
        store.record("demo", old);

        String previous = store.record("demo", kept(store, "demo", "2.0.0"));

        assertEquals(old.toUri().toString(), previous);
        assertEquals(old, store.copyOf(previous));
    }

    @Test
    void readsTheFormKuraWrites() throws Exception {
        Path copy = dir.resolve("packages/demo_1.0.0.dp");
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/dpa.properties"), "#Tue Jan 01 00:00:00 UTC 2030\ndemo=file\\:" + copy + "\n");

        Map<String, String> recorded = store().recorded();

        assertEquals("file:" + copy, recorded.get("demo"));
        assertEquals(copy, store().copyOf(recorded.get("demo")));
    }

    @Test
    void neverDeletesAFileOutsideThePackagesFolder() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("precious.dp"), "keep me");

        assertFalse(store().deleteCopy(elsewhere.toUri().toString()));
        assertFalse(store().deleteCopy("http://packages.invalid/precious.dp"));

        assertTrue(Files.exists(elsewhere));
    }

    @Test
    void anOversizedRecordFileIsNotRead() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/dpa.properties"), new byte[(int) PackageStore.MAX_RECORD_FILE_BYTES + 1]);

        KuraException refused = assertThrows(KuraException.class, () -> store().recorded());

        assertEquals(KuraErrorCode.STORE_ERROR, refused.getCode());
        assertTrue(refused.getMessage().contains("not read"), refused.getMessage());
    }

    @Test
    void aNameThatIsNotAFileNameIsRefused() throws Exception {
        PackageStore store = store();
        Path download = store.newDownload();

        KuraException refused = assertThrows(KuraException.class, () -> store.keep(download, "../evil", "1.0.0"));

        assertEquals(KuraErrorCode.BAD_REQUEST, refused.getCode());
        assertTrue(refused.getMessage().contains("'../evil'"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("evil_1.0.0.dp")));
    }
}
