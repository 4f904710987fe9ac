package dev.kprov.emulator.deployment;

import static dev.kprov.emulator.deployment.TestDeploymentPackages.bundle;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_EXCEPTION;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_NAME;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_URL;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_VERSION;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_SUCCESSFUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.event.Event;

class DeploymentAgentUninstallTest {

    @TempDir
    Path dir;

    private final FakeDeploymentAdmin admin = new FakeDeploymentAdmin();
    private final EventQueue events = new EventQueue();
    private DeploymentAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    private AgentSettings settings() {
        return AgentSettings.of(dir.resolve("data/dpa.properties"), dir.resolve("packages"));
    }

    private DeploymentAgent installed(String name, String version) throws Exception {
        agent = new DeploymentAgent(admin, events, settings());
        String url = TestDeploymentPackages.write(dir.resolve("in/" + name + ".dp"), name, version,
                bundle(name + ".bundle", version)).toUri().toString();
        agent.installDeploymentPackageAsync(url);
        assertEquals(Boolean.TRUE, events.nextInstalled().getProperty(EVENT_SUCCESSFUL));
        return agent;
    }

    private Properties recorded() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(settings().dpaConfiguration())) {
            properties.load(in);
        }
        return properties;
    }

    @Test
    void uninstallsThePackageAndForgetsItsCopy() throws Exception {
        installed("demo", "1.2.3").uninstallDeploymentPackageAsync("demo");
        Event event = events.nextUninstalled();

        assertEquals("demo", event.getProperty(EVENT_PACKAGE_NAME));
        assertEquals("1.2.3", event.getProperty(EVENT_PACKAGE_VERSION));
        assertEquals(Boolean.TRUE, event.getProperty(EVENT_SUCCESSFUL));
        assertNull(event.getProperty(EVENT_EXCEPTION));
        assertNull(event.getProperty(EVENT_PACKAGE_URL));
        assertNull(admin.getDeploymentPackage("demo"));
        assertFalse(recorded().containsKey("demo"));
        assertFalse(Files.exists(settings().packagesDir().resolve("demo_1.2.3.dp")));
        assertFalse(agent.isUninstallingDeploymentPackage("demo"));
    }

    @Test
    void anUnknownNameIsAFailureEventNamingIt() throws Exception {
        installed("demo", "1.0.0").uninstallDeploymentPackageAsync("other");
        Event event = events.nextUninstalled();

        assertEquals("other", event.getProperty(EVENT_PACKAGE_NAME));
        assertEquals("UNKNOWN", event.getProperty(EVENT_PACKAGE_VERSION));
        assertEquals(Boolean.FALSE, event.getProperty(EVENT_SUCCESSFUL));
        KuraException failure = assertInstanceOf(KuraException.class, event.getProperty(EVENT_EXCEPTION));
        assertEquals(KuraErrorCode.NOT_FOUND, failure.getCode());
        assertTrue(failure.getMessage().contains("'other'"), failure.getMessage());
        assertTrue(recorded().containsKey("demo"), "other packages stay recorded");
    }

    @Test
    void aRefusedUninstallKeepsThePackageRecorded() throws Exception {
        installed("demo", "1.0.0");
        admin.refuseUninstall();

        agent.uninstallDeploymentPackageAsync("demo");
        Event event = events.nextUninstalled();

        assertEquals(Boolean.FALSE, event.getProperty(EVENT_SUCCESSFUL));
        assertInstanceOf(DeploymentException.class, event.getProperty(EVENT_EXCEPTION));
        assertEquals("1.0.0", event.getProperty(EVENT_PACKAGE_VERSION));
        assertTrue(recorded().containsKey("demo"));
        assertTrue(Files.exists(settings().packagesDir().resolve("demo_1.0.0.dp")));
    }

    @Test
    void aSecondUninstallOfAQueuedNameIsRefused() throws Exception {
        installed("demo", "1.0.0");
        FakeDeploymentAdmin.Gate gate = admin.hold();
        String other = TestDeploymentPackages.write(dir.resolve("in/other.dp"), "other", "1.0.0",
                bundle("other", "1.0.0")).toUri().toString();
        agent.installDeploymentPackageAsync(other);
        gate.awaitEntered();

        agent.uninstallDeploymentPackageAsync("demo");
        assertTrue(agent.isUninstallingDeploymentPackage("demo"));
        KuraException refused = assertThrows(KuraException.class, () -> agent.uninstallDeploymentPackageAsync("demo"));
        assertTrue(refused.getMessage().contains("already being uninstalled"), refused.getMessage());
        gate.open();

        assertEquals(other, events.nextInstalled().getProperty(EVENT_PACKAGE_URL));
        assertEquals(Boolean.TRUE, events.nextUninstalled().getProperty(EVENT_SUCCESSFUL));
    }
}
