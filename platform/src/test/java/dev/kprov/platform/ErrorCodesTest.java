package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.job.JobStatus;

/** Every error code of PROTOCOL.md section 6, each from its own cause. One platform, one device each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorCodesTest {

    private static final String OTHER_ID = "fedcba9876543210fedcba9876543210";

    @TempDir
    Path directory;

    private final JobRecorder recorder = new JobRecorder();
    private RunningPlatform platform;

    @BeforeAll
    void start() throws Exception {
        platform = Platform.start(PlatformOptions.builder().listener(recorder).build());
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void malformedRequestsGet400() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e400").build());
        try (TestDevice device = connect("e400")) {
            device.subscribeReplies();
            Payload wrongVersion = Payload.builder().addString("request.id", OTHER_ID)
                    .addString("requester.client.id", "e400").addInt("protocol.version", 2).build();
            device.publish(device.topics().requestTopic(), PayloadCodec.encode(wrongVersion));
            ProvisionReply reply = device.nextReply();
            assertEquals(400, reply.responseCode());
            assertEquals(OTHER_ID, reply.requestId());
            assertTrue(reply.exceptionMessage().orElseThrow().contains("protocol.version"));

            Payload otherClient = Payload.builder().addString("request.id", OTHER_ID)
                    .addString("requester.client.id", "someone-else").addInt("protocol.version", 1).build();
            device.publish(device.topics().requestTopic(), PayloadCodec.encode(otherClient));
            assertEquals(400, device.nextReply().responseCode());
        }
        assertEquals(JobStatus.FAILED, platform.job("e400").orElseThrow().status());
    }

    @Test
    void aMissingOrWrongActivationKeyGets403() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e403").activationKey("the-right-key").build());
        try (TestDevice device = connect("e403")) {
            device.subscribeReplies();
            device.request(null);
            ProvisionReply missing = device.nextReply();
            assertEquals(403, missing.responseCode());
            assertEquals("activation key missing", missing.exceptionMessage().orElseThrow());
            device.request("the-wrong-key");
            ProvisionReply wrong = device.nextReply();
            assertEquals(403, wrong.responseCode());
            assertEquals("activation key wrong", wrong.exceptionMessage().orElseThrow());
            assertFalse(wrong.exceptionMessage().get().contains("the-right-key"));
            device.request("the-right-key");
            assertEquals(200, device.nextReply().responseCode());
        }
    }

    @Test
    void anUnknownClientGets404() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e404").build());
        try (TestDevice device = connect("e404")) {
            device.subscribeReplies();
            assertTrue(platform.removeRequest("e404"));
            String requestId = device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(404, reply.responseCode());
            assertEquals(requestId, reply.requestId());
        }
    }

    @Test
    void aCompletedRequestGets409() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e409").build());
        try (TestDevice device = connect("e409")) {
            device.subscribeReplies();
            device.request(null);
            assertEquals(200, device.nextReply().responseCode());
            assertTrue(platform.markCompleted("e409", "seen on the account broker"));
            device.request(null);
            assertEquals(409, device.nextReply().responseCode());
        }
        assertEquals(JobStatus.COMPLETED, platform.job("e409").orElseThrow().status());
    }

    @Test
    void anExpiredRequestGets410AndIsAbandoned() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e410x").expiresOn(Instant.now().minusSeconds(60)).build());
        assertEquals(List.of(JobStatus.CREATED, JobStatus.ABANDONED), recorder.until("e410x", JobStatus.ABANDONED));
        try (TestDevice device = connect("e410x")) {
            device.subscribeReplies();
            device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(410, reply.responseCode());
            assertTrue(reply.exceptionMessage().orElseThrow().contains("expired"));
        }
    }

    @Test
    void aRequestNotActiveYetGets410AndTheAttemptFails() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e410f").activatesOn(Instant.now().plusSeconds(3600)).build());
        try (TestDevice device = connect("e410f")) {
            device.subscribeReplies();
            device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(410, reply.responseCode());
            assertTrue(reply.exceptionMessage().orElseThrow().contains("not active until"));
        }
        assertEquals(List.of(JobStatus.CREATED, JobStatus.STARTED, JobStatus.FAILED),
                recorder.until("e410f", JobStatus.FAILED));
    }

    @Test
    void attemptsPastTheServerSideMaximumGet429WithRetryAfter() throws Exception {
        platform.addRequest(Fixtures.request(directory, "e429").activationKey("key").maxAttempts(1)
                .retryAfterSeconds(900).build());
        try (TestDevice device = connect("e429")) {
            device.subscribeReplies();
            device.request("not-the-key");
            assertEquals(403, device.nextReply().responseCode());
            device.request("key");
            ProvisionReply reply = device.nextReply();
            assertEquals(429, reply.responseCode());
            assertEquals(900, reply.retryAfter().orElseThrow());
        }
        assertEquals(List.of(JobStatus.CREATED, JobStatus.STARTED, JobStatus.FAILED, JobStatus.ABANDONED),
                recorder.until("e429", JobStatus.ABANDONED));
    }

    @Test
    void aPackageThatCannotBeBuiltGets500() throws Exception {
        Path own = Files.createDirectories(directory.resolve("e500"));
        Path application = Fixtures.writeDeploymentPackage(own, "org.example.gone", "1.0.0");
        platform.addRequest(Fixtures.request(own, "e500").addApplication(application).build());
        Files.delete(application);
        try (TestDevice device = connect("e500")) {
            device.subscribeReplies();
            device.request(null);
            ProvisionReply reply = device.nextReply();
            assertEquals(500, reply.responseCode());
            assertTrue(reply.exceptionMessage().orElseThrow().startsWith("platform error"));
        }
        assertEquals(JobStatus.FAILED, platform.job("e500").orElseThrow().status());
        assertTrue(platform.job("e500").orElseThrow().detail().contains("org.example.gone"),
                "the job names the missing file: " + platform.job("e500").orElseThrow().detail());
    }

    private TestDevice connect(String clientId) throws Exception {
        return TestDevice.connect(platform, clientId, clientId + "-user", "pw-" + clientId);
    }
}
