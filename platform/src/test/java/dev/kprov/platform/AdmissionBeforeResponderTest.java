package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.platform.broker.Admission;
import dev.kprov.platform.broker.AdmissionTable;

/**
 * A device let in before the platform's responder has subscribed would ask and never hear an answer, and
 * wait for its whole timeout (found by the fault matrix after a platform restart). Until the responder
 * serves, only the responder is admitted; a device is refused as when no request matches yet, and retries.
 */
class AdmissionBeforeResponderTest {

    @TempDir
    Path directory;

    private static final byte[] RESPONDER_PASSWORD = "responder-pw".getBytes(StandardCharsets.US_ASCII);

    private Admission admission() throws Exception {
        AdmissionTable table = new AdmissionTable("kprov",
                new AdmissionTable.Internal("kprov-responder-1", "kprov-responder", RESPONDER_PASSWORD),
                Map.of("dev1", Fixtures.request(directory, "dev1").build()), Map.of());
        return new Admission(table);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyTheResponderIsAdmittedUntilDevicesAreWelcome() throws Exception {
        Admission admission = admission();

        assertTrue(admission.checkValid("kprov-responder-1", "kprov-responder", RESPONDER_PASSWORD));
        assertFalse(admission.checkValid("dev1", "dev1-user", bytes("pw-dev1")), "a device before the responder");

        admission.welcomeDevices();

        assertTrue(admission.checkValid("dev1", "dev1-user", bytes("pw-dev1")), "a device once the responder serves");
        assertFalse(admission.checkValid("dev1", "dev1-user", bytes("wrong")), "and only with its credentials");
    }
}
