package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/**
 * The exchange of PROTOCOL.md sections 1 to 9, end to end: the agent inside the framework against the
 * reference platform in its own process, over a real MQTT broker with TLS on a loopback port chosen at run
 * time. The platform's broker is the account broker too: the delivered configuration points the gateway at
 * it with account credentials, which the platform admits, and the platform reports the job COMPLETED when
 * the gateway arrives. Each broker the platform can run on has a subclass that starts the platform on it
 * ({@link #platform}, {@link #work}), so that every case here runs on each. Each test puts the gateway's
 * configuration back as it found it.
 */
abstract class ExchangeCases extends GatewayTest {

    private static final AtomicInteger gateways = new AtomicInteger();
    /** Started by the subclass's {@code @BeforeAll}, closed by its {@code @AfterAll}. */
    static PlatformProcess platform;
    static Path work;

    GatewayUnderTest gateway;
    StatusRecorder status;
    private ProvisionRequests requests;

    @BeforeEach
    void prepare() throws Exception {
        gateway = new GatewayUnderTest(context, configurationAdmin, configurationService, keystore, platform);
        status = gateway.status;
        requests = new ProvisionRequests(work.resolve("requests"), platform.brokerUrl());
        clientId = "gw-" + gateways.incrementAndGet();
    }

    @AfterEach
    void cleanUp() throws Exception {
        gateway.close();
    }

    private void request(Map<String, String> extra) throws Exception {
        requests.write(clientId, clientId + "-user", password(), extra);
        platform.awaitJob(clientId, "CREATED");
    }

    @Test
    void happyPathProvisionsTheGatewayOntoItsAccountBroker() throws Exception {
        request(Collections.emptyMap());

        agent(platform.brokerUrl()).write();

        Event applying = status.awaitState("APPLYING");
        assertEquals(32, ((String) applying.getProperty("request.id")).length());
        status.awaitState("PROVISIONED");
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "REQUESTING", "AWAITING_REPLY", "VERIFYING", "APPLYING",
                "PROVISIONED"));
        String completed = platform.awaitJob(clientId, "COMPLETED");
        assertTrue(completed.contains("connected to the account broker as " + clientId), completed);
        Map<String, Object> own = configurationService.getComponentConfiguration(AgentConfig.PID)
                .getConfigurationProperties();
        assertEquals(Boolean.FALSE, own.get("enabled"), "the agent disabled itself");
        assertEquals(Boolean.TRUE, own.get("provisioned"));
    }

    @Test
    void connectRefusedUntilTheProvisionRequestIsCreated() throws Exception {
        agent(platform.brokerUrl()).write();
        status.awaitFailure("BROKER_REFUSED");
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "WAITING"));

        request(Collections.emptyMap());

        status.awaitState("APPLYING");
    }

    @Test
    void wrongActivationKeyIsRejectedWith403() throws Exception {
        request(Map.of("activation.key", "AK-S3CR3T-right"));

        agent(platform.brokerUrl()).set("activation-key", encrypted("AK-S3CR3T-wrong")).write();

        Event failed = status.awaitFailure("PLATFORM_REJECTED");
        assertTrue(((String) failed.getProperty("message")).contains("403"), failed.toString());
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "REQUESTING", "AWAITING_REPLY", "WAITING"));
    }

    @Test
    void rightActivationKeyIsAccepted() throws Exception {
        request(Map.of("activation.key", "AK-S3CR3T-right"));

        agent(platform.brokerUrl()).set("activation-key", encrypted("AK-S3CR3T-right")).write();

        status.awaitState("APPLYING");
    }

    @Test
    void expiredRequestIsRejectedWith410() throws Exception {
        request(Map.of("expires.on", Instant.now().plusSeconds(2).toString()));
        platform.awaitJob(clientId, "ABANDONED");

        agent(platform.brokerUrl()).write();

        Event failed = status.await(e -> "WAITING".equals(e.getProperty("state")) && e.getProperty("error") != null
                && !"".equals(e.getProperty("error")), "a failed attempt");
        assertTrue(List.of("BROKER_REFUSED", "PLATFORM_REJECTED").contains(failed.getProperty("error")),
                "an expired request admits no one, or is answered 410: " + failed);
    }

    @Test
    void tooManyAttemptsIsRejectedWith429AndItsRetryAfterIsHonoured() throws Exception {
        request(Map.of("max.attempts", "1", "retry.after.seconds", "120", "activation.key", "AK-S3CR3T-right"));

        agent(platform.brokerUrl()).set("activation-key", encrypted("AK-S3CR3T-wrong")).write();
        status.awaitFailure("PLATFORM_REJECTED");

        Event rejected = status.awaitFailure("PLATFORM_REJECTED");
        assertTrue(((String) rejected.getProperty("message")).contains("429"), rejected.toString());
        long waitMillis = (Long) rejected.getProperty("next.attempt") - System.currentTimeMillis();
        assertTrue(waitMillis > TimeUnit.SECONDS.toMillis(100), "the next attempt waits for retry.after: "
                + waitMillis + " ms");
    }

    @Test
    void retryMaxAttemptsEndsInFailedAndAConfigurationChangeStartsOver() throws Exception {
        agent(platform.brokerUrl()).set("retry-max-attempts", 2).write();

        Event failed = status.awaitState("FAILED");
        assertEquals("BROKER_REFUSED", failed.getProperty("error"));
        assertEquals(List.of("WAITING", "CONNECTING", "WAITING", "CONNECTING", "FAILED"), status.attemptStates());
        assertNoAgentThreadOutlives("the end of the run (FAILED is idle)");

        request(Collections.emptyMap());
        agent(platform.brokerUrl()).set("retry-max-attempts", 3).write();

        Event restarted = status.awaitState("WAITING");
        assertEquals(1, restarted.getProperty("attempt"), "a configuration change starts over");
        status.awaitState("APPLYING");
    }

    @Test
    void untrustedSignerIsRefusedWithCaAuthenticationAndAcceptedWithout() throws Exception {
        GatewayTrust.forget(keystore, "provision-signer");
        request(Collections.emptyMap());

        agent(platform.brokerUrl()).write();
        status.awaitFailure("UNTRUSTED_CHAIN");
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "REQUESTING", "AWAITING_REPLY", "VERIFYING", "WAITING"));

        agent(platform.brokerUrl()).set("ca-authentication", false).write();
        status.awaitState("APPLYING");
    }

    @Test
    void untrustedBrokerCertificateIsUnreachable() throws Exception {
        GatewayTrust.forget(keystore, "provision-broker");
        request(Collections.emptyMap());

        agent(platform.brokerUrl()).write();

        Event failed = status.awaitFailure("BROKER_UNREACHABLE");
        assertFalse(((String) failed.getProperty("message")).contains(password()));
    }

    @Test
    void noAgentThreadIsLeftWhenDeactivatedMidAttempt() throws Exception {
        request(Collections.emptyMap());
        agent(platform.brokerUrl()).write();
        status.awaitState("CONNECTING");

        AgentConfig.delete(configurationAdmin);
        Services.awaitNoAgent(context);

        assertNoAgentThreadOutlives("deactivation");
    }

    /** The owner thread ends a second after its last task, Paho's threads when their session is closed. */
    static void assertNoAgentThreadOutlives(String what) throws InterruptedException {
        for (Thread thread : AgentComponentTest.agentThreads()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), thread + " still alive after " + what);
        }
    }
}
