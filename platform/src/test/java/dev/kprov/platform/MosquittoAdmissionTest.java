package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.job.JobStatus;

/**
 * The platform beside a real Mosquitto (this machine's, started for each test on a loopback port chosen at
 * run time): devices are admitted through Mosquitto's dynamic-security plugin, confined to their own tree,
 * and removed again once their request is withdrawn, expires or completes. Without Mosquitto these tests
 * fail, saying how to install it (CI installs it).
 */
class MosquittoAdmissionTest {

    @TempDir
    Path directory;

    private final AdmissionRecorder admission = new AdmissionRecorder();
    private final JobRecorder jobs = new JobRecorder();
    private RunningPlatform platform;

    @BeforeEach
    void start() throws Exception {
        platform = Platform.start(PlatformOptions.builder().localMosquitto(directory.resolve("mosquitto"))
                .stateDirectory(directory.resolve("state")).listener(admission).listener(jobs).build());
        platform.addRequest(Fixtures.request(directory, "dev1").build());
        platform.addRequest(Fixtures.request(directory, "dev2").build());
        admission.awaitAdmitted("dev1", "dev1-user");
        admission.awaitAdmitted("dev2", "dev2-user");
    }

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        Path log = directory.resolve("mosquitto").resolve("mosquitto.log");
        if (Files.exists(log)) {
            String text = Files.readString(log);
            assertFalse(text.contains("pw-dev1") || text.contains(Fixtures.ACCOUNT_PASSWORD),
                    "Mosquitto's log holds a password");
        }
    }

    @Test
    void aDeviceWithItsRequestsCredentialsGetsItsSignedPackage() throws Exception {
        assertTrue(platform.brokerUrl().matches("mqtts://127\\.0\\.0\\.1:\\d+"), platform.brokerUrl());
        assertEquals(platform.brokerCaPem().orElseThrow(), Files.readString(directory.resolve("state/broker-ca.pem")));
        try (TestDevice device = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1")) {
            device.subscribeReplies();
            String requestId = device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(200, reply.responseCode());
            assertEquals(requestId, PackageVerifier.verify(reply.body().orElseThrow(), platform.signerRootPem())
                    .requestId());
        }
    }

    @Test
    void wrongCredentialsAreRefused() {
        for (String[] credentials : new String[][] {
            {"dev1", "dev1-user", "wrong-password"},
            {"dev1", "dev2-user", "pw-dev2"},
            {"dev3", "dev1-user", "pw-dev1"},
            {"ghost", "ghost-user", "pw-ghost"}}) {
            assertRefused(credentials[0], credentials[1], credentials[2]);
        }
    }

    @Test
    void aDeviceCannotSubscribeOutsideItsOwnTree() throws Exception {
        try (TestDevice device = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1")) {
            device.subscribeReplies();
            device.subscribe("$EDC/kura-provision/dev1/#");
            Confinement.assertSubscriptionsRefused(device, "#", "$EDC/#", "$EDC/kura-provision/#",
                    "$EDC/kura-provision/+/#", "$EDC/kura-provision/dev2/#", "$EDC/+/dev1/#", "$EDC/acme/dev1/#",
                    "$CONTROL/dynamic-security/#");
        }
    }

    @Test
    void aDeviceCannotPublishIntoAnotherDevicesTree() throws Exception {
        try (TestDevice intruder = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1");
                TestDevice victim = TestDevice.connect(platform, "dev2", "dev2-user", "pw-dev2")) {
            // MQTT 3.1.1 has no way to refuse a PUBLISH: Mosquitto acknowledges it and drops it.
            Confinement.assertForgedReplyNeverArrives(intruder, victim, TestDevice::publish);
        }
    }

    @Test
    void aWithdrawnRequestsCredentialsAreRemovedFromMosquitto() throws Exception {
        platform.removeRequest("dev1");

        admission.awaitRemoved("dev1", "dev1-user");
        assertRefused("dev1", "dev1-user", "pw-dev1");
        try (TestDevice other = TestDevice.connect(platform, "dev2", "dev2-user", "pw-dev2")) {
            assertTrue(other.client().isConnected(), "another device's credentials stay");
        }
    }

    @Test
    void anExpiredRequestsCredentialsAreRemovedFromMosquitto() throws Exception {
        platform.addRequest(Fixtures.request(directory, "dev3").expiresOn(Instant.now().plusSeconds(2)).build());
        admission.awaitAdmitted("dev3", "dev3-user");

        jobs.until("dev3", JobStatus.ABANDONED);

        admission.awaitRemoved("dev3", "dev3-user");
        assertRefused("dev3", "dev3-user", "pw-dev3");
    }

    @Test
    void reachingTheAccountBrokerCompletesTheJobAndRemovesTheProvisionCredentials() throws Exception {
        try (TestDevice device = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1")) {
            device.subscribeReplies();
            device.request(null);
            assertEquals(200, device.nextReply().responseCode());
        }
        admission.awaitAdmitted("dev1", "acme-gw-dev1");

        try (TestDevice account = TestDevice.connect(platform.brokerUrl(), platform.brokerCaPem().orElseThrow(), "acme",
                "dev1", "acme-gw-dev1", Fixtures.ACCOUNT_PASSWORD)) {
            jobs.until("dev1", JobStatus.COMPLETED);
            admission.awaitRemoved("dev1", "dev1-user");
            account.subscribe("acme/dev1/#");
            MqttException refused = assertThrows(MqttException.class, () -> account.subscribe("acme/dev2/#"));
            assertEquals(MqttException.REASON_CODE_SUBSCRIBE_FAILED, refused.getReasonCode());
        }
        assertRefused("dev1", "dev1-user", "pw-dev1");
    }

    /** A CONNECT refused with return code 4 or 5, as the agent expects (PROTOCOL.md section 1). */
    private void assertRefused(String clientId, String username, String password) {
        MqttException refused = assertThrows(MqttException.class,
                () -> TestDevice.connect(platform, clientId, username, password).close(), clientId + "/" + username);
        assertTrue(refused.getReasonCode() == 4 || refused.getReasonCode() == 5,
                "reason code " + refused.getReasonCode() + " for " + clientId + "/" + username);
    }
}
