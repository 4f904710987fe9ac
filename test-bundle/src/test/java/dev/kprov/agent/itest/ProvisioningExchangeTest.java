package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.event.Event;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * {@link ExchangeCases} on the platform's embedded broker (Moquette), and the cases that need a platform of
 * their own: a broker that is not there yet, and a broker with no responder behind it.
 */
class ProvisioningExchangeTest extends ExchangeCases {

    @BeforeAll
    static void startPlatform(@InjectBundleContext BundleContext context) throws Exception {
        work = Paths.get(context.getProperty("kprov.test.dir"), "exchange");
        Folders.deleteTree(work);
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--port", "0");
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }

    @Test
    void brokerDownAtFirstThenUp() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        agent("mqtts://127.0.0.1:" + port).write();
        status.awaitFailure("BROKER_UNREACHABLE");
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "WAITING"));

        Path late = work.resolve("late-" + clientId);
        try (PlatformProcess latePlatform = PlatformProcess.start(context, late.resolve("requests"),
                late.resolve("state"), "--port", Integer.toString(port))) {
            GatewayTrust.trust(keystore, "provision-broker", latePlatform.brokerCa());
            GatewayTrust.trust(keystore, "provision-signer", latePlatform.signerRoot());
            new ProvisionRequests(late.resolve("requests"), latePlatform.brokerUrl()).write(clientId, clientId + "-user", password(),
                    Collections.emptyMap());
            latePlatform.awaitJob(clientId, "CREATED");

            status.awaitState("APPLYING");
        }
    }

    @Test
    void noReplyUntilTheTimeoutFailsTheAttemptAndRetries() throws Exception {
        Path silent = work.resolve("silent-" + clientId);
        try (PlatformProcess brokerOnly = PlatformProcess.start(context, silent.resolve("requests"),
                silent.resolve("state"), "--port", "0", "--no-responder")) {
            GatewayTrust.trust(keystore, "provision-broker", brokerOnly.brokerCa());
            new ProvisionRequests(silent.resolve("requests"), brokerOnly.brokerUrl()).write(clientId,
                    clientId + "-user", password(), Collections.emptyMap());
            brokerOnly.awaitJob(clientId, "CREATED");

            agent(brokerOnly.brokerUrl()).set("timeout", 2).write();

            Event failed = status.await(e -> "TIMEOUT".equals(e.getProperty("error"))
                    && ((String) e.getProperty("message")).contains("no final reply"), "a reply timeout");
            List<String> seen = status.states();
            assertEquals(List.of("CONNECTING", "REQUESTING", "AWAITING_REPLY", "WAITING"),
                    seen.subList(seen.size() - 4, seen.size()), "the attempt that timed out: " + seen);
            assertTrue(((Integer) failed.getProperty("attempt")) >= 2);
            status.awaitState("CONNECTING");
        }
    }
}
