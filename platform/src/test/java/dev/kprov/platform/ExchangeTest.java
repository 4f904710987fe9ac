package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.platform.job.JobStatus;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.request.ProvisionRequestSpec;

/** A device asks and gets a signed package; its progress and completion show in the job. */
class ExchangeTest {

    @TempDir
    Path directory;

    private final JobRecorder recorder = new JobRecorder();
    private RunningPlatform platform;

    @BeforeEach
    void start() throws Exception {
        platform = Platform.start(PlatformOptions.builder().listener(recorder).keyAlgorithm(KeyAlgorithm.RSA_2048)
                .build());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void aValidRequestGetsASignedPackageThatVerifiesAgainstTheSignerRoot() throws Exception {
        Path first = Fixtures.writeDeploymentPackage(directory, "org.example.first", "1.0.0");
        Path second = Fixtures.writeDeploymentPackage(directory, "org.example.second", "2.1.0.qualifier");
        Path configuration = Fixtures.writeConfiguration(directory, "gw1", "acme");
        ProvisionRequestSpec.Builder builder = ProvisionRequestSpec.builder("gw1").username("gw1-user")
                .password("pw-gw1").accountName("acme").configuration(configuration).addApplication(first)
                .addApplication(second).generateActivationKey();
        String key = builder.activationKey().orElseThrow();
        assertTrue(key.matches("[A-Za-z0-9]{32}"), "a generated key is 32 characters [A-Za-z0-9]");
        platform.addRequest(builder.build());

        try (TestDevice device = TestDevice.connect(platform, "gw1", "gw1-user", "pw-gw1")) {
            device.subscribeReplies();
            String requestId = device.request(key);
            ProvisionReply reply = device.nextReply();

            assertEquals(200, reply.responseCode());
            assertEquals(requestId, reply.requestId());
            ProvisioningPackage received = PackageVerifier.verify(reply.body().orElseThrow(), platform.signerRootPem());
            assertEquals(requestId, received.requestId());
            assertEquals("gw1", received.clientId());
            assertEquals("acme", received.accountName());
            assertArrayEquals(Files.readAllBytes(configuration), received.configuration());
            List<Application> applications = received.applications();
            assertEquals(2, applications.size());
            assertEquals("org.example.first", applications.get(0).name());
            assertEquals("1.0.0", applications.get(0).version());
            assertEquals(sha256(first), applications.get(0).sha256());
            assertArrayEquals(Files.readAllBytes(first), applications.get(0).content());
            assertEquals("org.example.second", applications.get(1).name());
            assertEquals("2.1.0.qualifier", applications.get(1).version());
            assertEquals(sha256(second), applications.get(1).sha256());
            long now = Instant.now().toEpochMilli();
            assertTrue(Math.abs(now - received.issuedAt()) < 60_000, "issued.at is now");
        }
    }

    @Test
    void prepareSecondsGives202AtOnceThenThePackage() throws Exception {
        platform.addRequest(Fixtures.request(directory, "gw2").prepareSeconds(1).build());
        try (TestDevice device = TestDevice.connect(platform, "gw2", "gw2-user", "pw-gw2")) {
            device.subscribeReplies();
            String requestId = device.request(null);
            long asked = System.nanoTime();
            ProvisionReply accepted = device.nextReply();
            assertEquals(202, accepted.responseCode());
            assertEquals(requestId, accepted.requestId());
            assertFalse(accepted.body().isPresent());
            ProvisionReply ok = device.nextReply();
            long waited = Duration.ofNanos(System.nanoTime() - asked).toMillis();
            assertEquals(200, ok.responseCode());
            assertTrue(waited >= 900, "the package comes after prepare.seconds (" + waited + " ms)");
            assertEquals(requestId, PackageVerifier.verify(ok.body().orElseThrow(), platform.signerRootPem())
                    .requestId());
        }
    }

    @Test
    void notificationsAndTheAccountConnectionDriveTheJobToCompleted() throws Exception {
        platform.addRequest(Fixtures.request(directory, "gw3").build());
        assertEquals(JobStatus.CREATED, recorder.next("gw3").status());
        String requestId;
        try (TestDevice device = TestDevice.connect(platform, "gw3", "gw3-user", "pw-gw3")) {
            device.subscribeReplies();
            requestId = device.request(null);
            assertEquals(200, device.nextReply().responseCode());
            // A stale notification (another request id) changes nothing.
            device.notify(Notification.of("0123456789abcdef0123456789abcdef", Notification.Status.FAILED));
            for (Notification.Status status : new Notification.Status[] {Notification.Status.APPS_INSTALLING,
                Notification.Status.APPS_INSTALLED, Notification.Status.CONF_UPDATING,
                Notification.Status.CONF_UPDATED}) {
                device.notify(Notification.of(requestId, status));
            }
            assertEquals(List.of(JobStatus.STARTED, JobStatus.APPS_INSTALLING, JobStatus.APPS_INSTALLED,
                    JobStatus.CONF_UPDATING, JobStatus.CONF_UPDATED), recorder.until("gw3", JobStatus.CONF_UPDATED));
        }
        // The delivered configuration's account credentials now open the embedded broker.
        try (TestDevice account = TestDevice.connect(platform.brokerUrl(), platform.brokerCaPem().orElseThrow(),
                "acme", "gw3", "acme-gw-gw3", Fixtures.ACCOUNT_PASSWORD)) {
            account.subscribe("$EDC/acme/gw3/#");
            assertEquals(JobStatus.COMPLETED, recorder.next("gw3").status());
        }
        assertEquals(JobStatus.COMPLETED, platform.job("gw3").orElseThrow().status());
        assertEquals(requestId, platform.job("gw3").orElseThrow().deliveredRequestId().orElseThrow());
    }

    @Test
    void aFailedNotificationFailsTheJobWithItsMessage() throws Exception {
        platform.addRequest(Fixtures.request(directory, "gw4").build());
        try (TestDevice device = TestDevice.connect(platform, "gw4", "gw4-user", "pw-gw4")) {
            device.subscribeReplies();
            String requestId = device.request(null);
            assertEquals(200, device.nextReply().responseCode());
            device.notify(Notification.of(requestId, Notification.Status.APPS_INSTALLING));
            device.notify(Notification.failed(requestId, "org.example.app: install failed"));
            assertEquals(List.of(JobStatus.CREATED, JobStatus.STARTED, JobStatus.APPS_INSTALLING, JobStatus.FAILED),
                    recorder.until("gw4", JobStatus.FAILED));
            assertEquals("org.example.app: install failed", platform.job("gw4").orElseThrow().detail());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
