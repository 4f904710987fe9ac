package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.event.Event;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * Applying a verified package and handing over (PROTOCOL.md section 8): the gateway ends fully
 * provisioned on its account broker, or exactly as it was, compared property by property.
 */
class ApplyAndRollbackTest extends GatewayTest {

    private static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final AtomicInteger gateways = new AtomicInteger();
    private static PlatformProcess platform;
    private static Path work;

    @InjectService
    DeploymentAgentService deploymentAgent;

    private GatewayUnderTest gateway;
    private StatusRecorder status;
    private ProvisionRequests requests;
    private Map<String, Object> before;

    @BeforeAll
    static void startPlatform(@InjectBundleContext BundleContext context) throws Exception {
        work = Paths.get(context.getProperty("kprov.test.dir"), "apply");
        Folders.deleteTree(work);
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--port", "0");
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        gateway = new GatewayUnderTest(context, configurationAdmin, configurationService, keystore, platform);
        status = gateway.status;
        requests = new ProvisionRequests(work.resolve("requests"), platform.brokerUrl());
        clientId = "gw-apply-" + gateways.incrementAndGet();
        before = gatewayState();
    }

    @AfterEach
    void cleanUp() throws Exception {
        gateway.close();
        Applications.uninstall(context, deploymentAgent, deploymentAdmin, "acme");
        GatewayTrust.forget(keystore, "account-broker");
    }

    /**
     * A second broker (a platform with no responder and no requests) as the account broker, trusted by
     * the gateway: it refuses the account credentials the package delivers. The gateway's state before the
     * run is taken again, with that trust in it, and the test's request points the gateway there.
     */
    private PlatformProcess accountBrokerThatKnowsNoOne() throws Exception {
        Path other = work.resolve("other-" + clientId);
        PlatformProcess strangers = PlatformProcess.start(context, other.resolve("requests"), other.resolve("state"),
                "--port", "0", "--no-responder");
        GatewayTrust.trust(keystore, "account-broker", strangers.brokerCa());
        before = gatewayState();
        request(Collections.emptyMap(),
                new ProvisionRequests(work.resolve("requests"), strangers.brokerUrl()).configuration(clientId));
        return strangers;
    }

    private Map<String, Object> gatewayState() throws Exception {
        return GatewayState.of(configurationService, keystore, deploymentAdmin);
    }

    private void request(Map<String, String> extra, String xml) throws Exception {
        requests.write(clientId, clientId + "-user", password(), extra, xml);
        platform.awaitJob(clientId, "CREATED");
    }

    private Map<String, String> application(String name, boolean broken) throws Exception {
        DeploymentPackages.write(work.resolve("requests").resolve(name + ".dp"), name, "1.0.0", broken);
        return Collections.singletonMap("application." + (broken ? 1 : 0), name + ".dp");
    }

    @Test
    void provisioningAppliesThePackageAndHandsTheGatewayToItsAccount() throws Exception {
        request(application("acme-sensor", false), requests.configuration(clientId));

        agent(platform.brokerUrl()).write();

        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED");
        assertTrue(dataService.isConnected(), "the gateway is on its account broker");
        Map<String, Object> transport = configurationService
                .getComponentConfiguration("org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport")
                .getConfigurationProperties();
        assertEquals(platform.brokerUrl(), transport.get("broker-url"));
        assertEquals(clientId + "-account", transport.get("username"));
        assertTrue(Arrays.stream(deploymentAdmin.listDeploymentPackages())
                .anyMatch(p -> p.getName().equals("acme-sensor") && p.getVersion().toString().equals("1.0.0")),
                "the application is installed");
        assertTrue(keystore.getAliases().stream().filter(a -> a.startsWith("kprov-")).count() >= 2,
                "the signing chain is stored as trusted");
        Map<String, Object> own = configurationService.getComponentConfiguration(AgentConfig.PID)
                .getConfigurationProperties();
        assertEquals(Boolean.FALSE, own.get("enabled"));
        assertEquals(Boolean.TRUE, own.get("provisioned"));
        ExchangeCases.assertNoAgentThreadOutlives("provisioning (PROVISIONED is idle)");
    }

    @Test
    void aProvisionedGatewayRestartedDoesNothing() throws Exception {
        request(Collections.emptyMap(), requests.configuration(clientId));
        agent(platform.brokerUrl()).write();
        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED");

        Bundle agent = Arrays.stream(context.getBundles()).filter(b -> "dev.kprov.agent".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        agent.stop();
        agent.start();

        Event restarted = status.awaitState("PROVISIONED");
        assertEquals(0, restarted.getProperty("attempt"), "no attempt after a restart");
        assertEquals("state: PROVISIONED", command("status").split("\n")[0]);
        ExchangeCases.assertNoAgentThreadOutlives("a restart of a provisioned gateway");
    }

    @Test
    void reprovisionRunsAgain() throws Exception {
        request(Collections.emptyMap(), requests.configuration(clientId));
        agent(platform.brokerUrl()).write();
        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED");
        requests.write(clientId, clientId + "-user", password(), Map.of("max.attempts", "5"),
                requests.configuration(clientId));
        platform.awaitJob(clientId, "CREATED", 2);

        String answer = command("reprovision");

        assertTrue(answer.contains("starts again"), answer);
        status.awaitState("CONNECTING");
        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED", 2);
    }

    @Test
    void applicationFailingToInstallLeavesTheGatewayAsItWas() throws Exception {
        Map<String, String> apps = new TreeMap<>(application("acme-good", false));
        apps.putAll(application("acme-broken", true));
        request(apps, requests.configuration(clientId));

        agent(platform.brokerUrl()).set("retry-max-attempts", 1).write();

        Event failed = status.awaitState("FAILED");
        assertEquals("APPLY_FAILED", failed.getProperty("error"), failed.toString());
        assertEquals(before, gatewayState(), "the gateway as it was, property by property");

        laterAttemptProvisions(application("acme-good", false));
        assertTrue(Arrays.stream(deploymentAdmin.listDeploymentPackages()).anyMatch(p -> p.getName().equals("acme-good")));
    }

    @Test
    void configurationValueRefusedLeavesTheGatewayAsItWas() throws Exception {
        request(Collections.emptyMap(), requests.configuration(clientId,
                ProvisionRequests.property("store.capacity", "Integer", "0")));

        agent(platform.brokerUrl()).set("retry-max-attempts", 1).write();

        Event failed = status.awaitState("FAILED");
        assertEquals("APPLY_FAILED", failed.getProperty("error"), failed.toString());
        assertTrue(((String) failed.getProperty("message")).contains("store.capacity"), failed.toString());
        assertEquals(before, gatewayState(), "the gateway as it was, property by property");

        laterAttemptProvisions(Collections.emptyMap());
    }

    @Test
    void accountBrokerRefusingTheNewCredentialsLeavesTheGatewayAsItWas() throws Exception {
        try (PlatformProcess strangers = accountBrokerThatKnowsNoOne()) {
            agent(platform.brokerUrl()).set("retry-max-attempts", 1).write();

            Event failed = status.awaitState("FAILED");
            assertEquals("ACCOUNT_CONNECT_FAILED", failed.getProperty("error"), failed.toString());
            assertEquals(before, gatewayState(), "the gateway as it was, property by property");
            assertFalse(dataService.isConnected());

            laterAttemptProvisions(Collections.emptyMap()); // its account broker is now one that knows it
        }
    }

    /** The fault gone (the request put right on the platform), a later attempt (kprov:retry) provisions. */
    private void laterAttemptProvisions(Map<String, String> extra) throws Exception {
        requests.write(clientId, clientId + "-user", password(), extra, requests.configuration(clientId));
        platform.awaitJob(clientId, "CREATED", 2);
        command("retry");
        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED");
        assertTrue(dataService.isConnected(), "the gateway is on its account broker");
    }

    /**
     * A .dp update stops and starts the agent bundle: in the middle of a run (here: the configuration is
     * applied and the agent waits for the account broker), that run is rolled back at the next start,
     * before anything else. The agent is disabled while stopped so that the state can be compared at rest;
     * enabled again, it starts over.
     */
    @Test
    void anAgentRestartedInTheMiddleOfARunRollsItBackAndStartsOver() throws Exception {
        CountDownLatch configured = new CountDownLatch(1);
        ServiceRegistration<ConfigurationListener> listening = context.registerService(ConfigurationListener.class,
                event -> {
                    if (TRANSPORT.equals(event.getPid())) {
                        configured.countDown();
                    }
                }, null);
        Bundle agent = Arrays.stream(context.getBundles()).filter(b -> "dev.kprov.agent".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        try (PlatformProcess strangers = accountBrokerThatKnowsNoOne()) {
            agent(platform.brokerUrl()).set("timeout", 30).write();
            assertTrue(configured.await(StatusRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the package's configuration was applied");

            agent.stop();
            agent(platform.brokerUrl()).set("timeout", 30).set("enabled", false).write();
            agent.start();

            status.awaitState("RECOVERING");
            status.awaitState("DISABLED");
            assertEquals(before, gatewayState(), "the gateway as it was, property by property");

            agent(platform.brokerUrl()).set("timeout", 30).write();
            status.awaitState("CONNECTING");
        } finally {
            listening.unregister();
        }
    }

    /** Runs a kprov shell command the way Gogo does: by name, on the service that declares it. */
    private String command(String name) throws Exception {
        List<ServiceReference<?>> references = Arrays.asList(
                context.getServiceReferences((String) null, "(osgi.command.scope=kprov)"));
        assertEquals(1, references.size(), "one kprov command service");
        Object commands = context.getService(references.get(0));
        try {
            return (String) commands.getClass().getMethod(name).invoke(commands);
        } finally {
            context.ungetService(references.get(0));
        }
    }
}
