package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * The agent updated remotely (a newer .dp through DeploymentAdmin, as Everyware Cloud or the Kura web UI
 * does) while it is in the middle of a run: DeploymentAdmin stops the old bundle and starts the new one
 * on the same data area, where the run's journal is; the new agent rolls that run back before anything
 * else (PROTOCOL.md section 10) and starts over. The provision broker is gone by then, so that the run
 * started over cannot change the gateway while it is compared with its state before the first run.
 */
@EnabledIfSystemProperty(named = DeploymentPackageTest.DP_DIR, matches = ".+")
class AgentUpdateMidRunTest extends GatewayTest {

    private static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";

    @Test
    void updatingTheAgentInTheMiddleOfARunRollsTheRunBackAndStartsItOver() throws Exception {
        clientId = "gw-update-mid-run";
        Path work = Paths.get(context.getProperty("kprov.test.dir"), "update-mid-run");
        Folders.deleteTree(work);
        byte[] dp = Files.readAllBytes(DeploymentPackageTest.builtAgent(context));
        deploymentAdmin.installDeploymentPackage(new ByteArrayInputStream(dp));
        CountDownLatch configured = new CountDownLatch(1);
        ServiceRegistration<ConfigurationListener> listening = context.registerService(ConfigurationListener.class,
                event -> {
                    if (TRANSPORT.equals(event.getPid())) {
                        configured.countDown();
                    }
                }, null);
        PlatformProcess platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"),
                "--port", "0");
        try (PlatformProcess strangers = PlatformProcess.start(context, work.resolve("other-requests"),
                        work.resolve("other-state"), "--port", "0", "--no-responder");
                GatewayUnderTest gateway = new GatewayUnderTest(context, configurationAdmin, configurationService,
                        keystore, platform)) {
            // The account broker knows no one: the run waits at step 10 for the whole timeout.
            GatewayTrust.trust(keystore, "account-broker", strangers.brokerCa());
            Map<String, Object> before = GatewayState.of(configurationService, keystore, deploymentAdmin);
            new ProvisionRequests(work.resolve("requests"), platform.brokerUrl()).write(clientId, clientId + "-user",
                    password(), Collections.emptyMap(),
                    new ProvisionRequests(work.resolve("requests"), strangers.brokerUrl()).configuration(clientId));
            platform.awaitJob(clientId, "CREATED");
            agent(platform.brokerUrl()).set("timeout", 30).write();
            assertTrue(configured.await(StatusRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the package's configuration was applied");
            platform.close();

            DeploymentPackage updated = deploymentAdmin
                    .installDeploymentPackage(new ByteArrayInputStream(NewerPackage.of(new ByteArrayInputStream(dp), "99.0.0")));

            assertEquals("99.0.0", updated.getBundle("dev.kprov.agent").getVersion().toString());
            gateway.status.awaitState("RECOVERING");
            gateway.status.awaitState("CONNECTING");
            assertEquals(before, GatewayState.of(configurationService, keystore, deploymentAdmin),
                    "the cut run rolled back, property by property, and the new one started");
        } finally {
            platform.close();
            listening.unregister();
            GatewayTrust.forget(keystore, "account-broker");
            DeploymentPackage agent = deploymentAdmin.getDeploymentPackage("dev.kprov.agent");
            if (agent != null) {
                agent.uninstall();
            }
        }
    }
}
