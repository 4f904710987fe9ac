package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.platform.mosquitto.LocalMosquitto;
import dev.kprov.platform.pki.BrokerIdentity;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.pki.StateDirectory;

/**
 * How an operator asks for Mosquitto: the command line, what does not go together, an operator's own
 * Mosquitto served with {@code --admission dynsec}, and the end of a local one.
 */
class MosquittoOptionsTest {

    @TempDir
    Path directory;

    @Test
    void theUsageDocumentsBothWays() {
        assertTrue(CommandLine.USAGE.contains("--admission dynsec"), CommandLine.USAGE);
        assertTrue(CommandLine.USAGE.contains("--local-mosquitto DIR"), CommandLine.USAGE);
    }

    @Test
    void optionsThatDoNotGoTogetherAreNamed() throws Exception {
        Path password = Files.writeString(directory.resolve("pw"), "secret\n");
        assertUsage("--admission dynsec goes with --responder-only", "--admission", "dynsec");
        assertUsage("--admission 'acl-file'", "--responder-only", "--broker", "mqtts://127.0.0.1:8883",
                "--broker-username", "admin", "--broker-password-file", password.toString(), "--admission", "acl-file");
        assertUsage("--local-mosquitto excludes --responder-only", "--local-mosquitto", "m", "--responder-only",
                "--broker", "mqtts://127.0.0.1:8883", "--broker-username", "admin", "--broker-password-file",
                password.toString());
        PlatformException port = assertThrows(PlatformException.class,
                () -> CommandLine.parse(List.of("--local-mosquitto", "m", "--port", "8883")).orElseThrow().build());
        assertTrue(port.getMessage().contains("port chosen at run time"), port.getMessage());
    }

    @Test
    void closingThePlatformStopsItsMosquitto() throws Exception {
        int port;
        try (RunningPlatform platform = Platform.start(PlatformOptions.builder()
                .localMosquitto(directory.resolve("mosquitto")).build())) {
            port = URI.create(platform.brokerUrl()).getPort();
            try (Socket open = new Socket("127.0.0.1", port)) {
                assertTrue(open.isConnected());
            }
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(),
                "Mosquitto still listens on " + port + " after the platform closed");
    }

    @Test
    void anOperatorsMosquittoIsServedWithAdmissionDynsec() throws Exception {
        StateDirectory state = new StateDirectory(Optional.of(directory.resolve("operator")), KeyAlgorithm.EC_P256,
                new SecureRandom(), Clock.systemUTC());
        BrokerIdentity identity = state.broker();
        Path ca = Files.writeString(directory.resolve("operator-ca.pem"), identity.caPem());
        AdmissionRecorder admission = new AdmissionRecorder();
        try (LocalMosquitto mosquitto = LocalMosquitto.start(directory.resolve("mosquitto"), identity,
                Duration.ofSeconds(10));
                RunningPlatform platform = Platform.start(PlatformOptions.builder()
                        .externalBroker(new PlatformOptions.ExternalBroker(mosquitto.url(), mosquitto.adminUsername(),
                                mosquitto.adminPassword(), Optional.of(ca)))
                        .dynamicSecurity().listener(admission).build())) {
            platform.addRequest(Fixtures.request(directory, "op1").build());
            admission.awaitAdmitted("op1", "op1-user");
            try (TestDevice device = TestDevice.connect(mosquitto.url(), identity.caPem(), platform.account(), "op1",
                    "op1-user", "pw-op1")) {
                device.subscribeReplies();
                device.request(null);
                assertEquals(200, device.nextReply().responseCode());
            }
        }
    }

    private static void assertUsage(String expected, String... arguments) {
        CommandLine.UsageException wrong = assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(List.of(arguments)));
        assertTrue(wrong.getMessage().contains(expected), wrong.getMessage());
    }
}
