package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The agent, inside the framework, provisioned through a real Mosquitto (this machine's, Debian's package,
 * TLS on a loopback port chosen at run time) that the platform started and admits devices on through
 * Mosquitto's dynamic-security plugin ({@code --local-mosquitto}). Mosquitto is the account broker too: the
 * platform admits the delivered account credentials there and sees the gateway arrive in Mosquitto's log.
 * Without Mosquitto the platform does not start and these tests fail, saying how to install it.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class MosquittoEndToEndTest {

    private static final AtomicInteger gateways = new AtomicInteger();
    private static PlatformProcess platform;
    private static Path work;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    @InjectService
    CryptoService crypto;

    @InjectService(filter = "(kura.service.pid=SSLKeystore)")
    KeystoreService keystore;

    @InjectService
    ConfigurationService configurationService;

    private GatewayUnderTest gateway;
    private StatusRecorder status;
    private ProvisionRequests requests;
    private String clientId;

    @BeforeAll
    static void startPlatformOnMosquitto(@InjectBundleContext BundleContext context) throws Exception {
        work = Paths.get(context.getProperty("kprov.test.dir"), "mosquitto-exchange");
        Folders.deleteTree(work);
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--local-mosquitto",
                work.resolve("mosquitto").toString());
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        Path log = work.resolve("mosquitto").resolve("mosquitto.log");
        if (Files.exists(log)) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            assertFalse(text.contains("-pw-S3CR3T") || text.contains("-account-S3CR3T"), "a password in Mosquitto's log");
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        gateway = new GatewayUnderTest(context, configurationAdmin, configurationService, keystore, platform);
        status = gateway.status;
        requests = new ProvisionRequests(work.resolve("requests"), platform.brokerUrl());
        clientId = "mq-gw-" + gateways.incrementAndGet();
    }

    @AfterEach
    void cleanUp() throws Exception {
        gateway.close();
    }

    private String password() {
        return clientId + "-pw-S3CR3T";
    }

    private void request(Map<String, String> extra) throws Exception {
        requests.write(clientId, clientId + "-user", password(), extra);
        platform.awaitJob(clientId, "CREATED");
    }

    private AgentConfig agent() throws Exception {
        return AgentConfig.enabled(configurationAdmin).set("broker-url", platform.brokerUrl()).set("client-id", clientId)
                .set("username", clientId + "-user").set("password", encrypted(password())).set("retry-interval", 1)
                .set("timeout", 5);
    }

    private String encrypted(String clear) throws Exception {
        return new String(crypto.encryptAes(clear.toCharArray()));
    }

    @Test
    void happyPathProvisionsTheGatewayThroughMosquittoOntoItsAccountBroker() throws Exception {
        assertTrue(platform.brokerUrl().startsWith("mqtts://127.0.0.1:"), platform.brokerUrl());
        request(Collections.emptyMap());

        agent().write();

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
    void connectRefusedByMosquittoUntilTheProvisionRequestIsCreated() throws Exception {
        agent().write();
        status.awaitFailure("BROKER_REFUSED");
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "WAITING"));

        request(Collections.emptyMap());

        status.awaitState("APPLYING");
    }

    @Test
    void wrongActivationKeyIsRejectedWith403() throws Exception {
        request(Map.of("activation.key", "AK-S3CR3T-right"));

        agent().set("activation-key", encrypted("AK-S3CR3T-wrong")).write();

        Event failed = status.awaitFailure("PLATFORM_REJECTED");
        assertTrue(((String) failed.getProperty("message")).contains("403"), failed.toString());
        status.assertAttemptBegan(List.of("WAITING", "CONNECTING", "REQUESTING", "AWAITING_REPLY", "WAITING"));
    }
}
