package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.job.JobStatus;

/** Request files added, changed, broken and removed while the platform runs take effect on their own. */
class RequestDirectoryWatchTest {

    @TempDir
    Path directory;

    private final JobRecorder recorder = new JobRecorder();
    private Path requests;
    private RunningPlatform platform;

    @BeforeEach
    void start() throws Exception {
        requests = directory.resolve("requests");
        Path files = Files.createDirectories(directory.resolve("files"));
        Fixtures.writeConfiguration(files, "w1", "acme");
        Fixtures.writeDeploymentPackage(files, "org.example.app", "1.0.0");
        platform = Platform.start(PlatformOptions.builder().requestsDirectory(requests).listener(recorder).build());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void aFileAddedChangedAndRemovedWhileRunningTakesEffect() throws Exception {
        Path file = requests.resolve("w1.properties");
        Files.writeString(file, request("w1", "first-password", 3));
        JobEvent created = recorder.next("w1");
        assertEquals(JobStatus.CREATED, created.status());
        assertTrue(created.detail().contains("w1.properties"), created.detail());
        assertEquals(3, platform.requests().get(0).maxAttempts().getAsInt());
        try (TestDevice device = TestDevice.connect(platform, "w1", "w1-user", "first-password")) {
            device.subscribeReplies();
            device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(200, reply.responseCode());
            assertEquals("acme", PackageVerifier.verify(reply.body().orElseThrow(), platform.signerRootPem())
                    .accountName());
        }

        Files.writeString(file, "# a comment changes nothing\n" + request("w1", "second-password", 5));
        JobEvent changed = recorder.next("w1");
        while (changed.status() != JobStatus.CREATED) {
            changed = recorder.next("w1");
        }
        assertTrue(changed.detail().contains("changed"), changed.detail());
        assertEquals(5, platform.requests().get(0).maxAttempts().getAsInt());
        TestDevice.connect(platform, "w1", "w1-user", "second-password").close();

        Files.delete(file);
        assertEquals("w1", recorder.nextRemoval());
        assertEquals(List.of(), platform.requests());
        assertTrue(platform.job("w1").isEmpty());
    }

    @Test
    void aBadFileIsReportedAndSkippedAndAFixedOneIsLoaded() throws Exception {
        Path bad = requests.resolve("bad.properties");
        Files.writeString(bad, request("w2", "pw", 1) + "max.atempts=3\n");
        assertEquals("bad.properties: unknown key 'max.atempts'", recorder.nextRejection());
        Files.writeString(requests.resolve("missing.properties"), request("w3", "pw", 1).replace("configuration=",
                "configuration=nowhere/"));
        assertTrue(recorder.nextRejection().startsWith("missing.properties: configuration "));
        Files.writeString(bad, request("w2", "pw", 1));
        assertEquals(JobStatus.CREATED, recorder.next("w2").status());
        assertEquals(1, platform.requests().size());
    }

    @Test
    void twoFilesForOneClientIdKeepTheFirst() throws Exception {
        Files.writeString(requests.resolve("a.properties"), request("w4", "pw-a", 1));
        assertEquals(JobStatus.CREATED, recorder.next("w4").status());
        Files.writeString(requests.resolve("b.properties"), request("w4", "pw-b", 1));
        assertEquals("b.properties: client.id w4 is already requested by a.properties", recorder.nextRejection());
        TestDevice.connect(platform, "w4", "w4-user", "pw-a").close();
    }

    private static String request(String clientId, String password, int maxAttempts) {
        return String.join("\n",
                "client.id=" + clientId,
                "username=" + clientId + "-user",
                "password=" + password,
                "account.name=acme",
                "configuration=../files/w1-configuration.xml",
                "application.0=../files/org.example.app_1.0.0.dp",
                "max.attempts=" + maxAttempts,
                "");
    }
}
