package dev.kprov.sandbox.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.sandbox.cli.CrashPoint;

/** How far a journal, as the agent writes it (apply/Journal), says a run got. */
class CrashHookTest {

    @TempDir
    Path dir;

    private Optional<CrashPoint> progress(String journal) throws IOException {
        Path file = dir.resolve("journal.properties");
        Files.writeString(file, journal);
        return CrashHook.progress(file);
    }

    @Test
    void theJournalsStepIsThePointAndACertificateUnderWayIsOneOfItsOwn() throws Exception {
        assertEquals(Optional.empty(), CrashHook.progress(dir.resolve("journal.properties")));
        assertEquals(Optional.of(CrashPoint.SNAPSHOT_TAKEN),
                progress("request.id=r1\nsnapshot.id=1\nstep=SNAPSHOT_TAKEN\ncertificate.count=0\n"));
        assertEquals(Optional.of(CrashPoint.CERTIFICATE_RECORDED),
                progress("request.id=r1\nsnapshot.id=1\nstep=SNAPSHOT_TAKEN\ncertificate.count=1\ncertificate.0=kprov-a\n"));
        assertEquals(Optional.of(CrashPoint.PROVISION_BROKER_LEFT),
                progress("request.id=r1\nsnapshot.id=1\nstep=PROVISION_BROKER_LEFT\ncertificate.count=1\n"));
    }

    @Test
    void aJournalItCannotReadIsReportedNotGuessed() {
        IOException unknown = assertThrows(IOException.class, () -> progress("step=STEP_99\n"));
        assertEquals(dir.resolve("journal.properties") + ": unknown step 'STEP_99'", unknown.getMessage());
        assertThrows(IOException.class, () -> progress("step=" + "X".repeat(70_000)));
    }
}
