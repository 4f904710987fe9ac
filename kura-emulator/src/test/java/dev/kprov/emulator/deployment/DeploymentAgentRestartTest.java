package dev.kprov.emulator.deployment;

import static dev.kprov.emulator.deployment.TestDeploymentPackages.bundle;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_EXCEPTION;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_NAME;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_URL;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_SUCCESSFUL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/** What survives a restart of the agent, and what a stop does to queued work. */
class DeploymentAgentRestartTest {

    @TempDir
    Path dir;

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

    private String dp(String name) throws Exception {
        return TestDeploymentPackages.write(dir.resolve("in/" + name + ".dp"), name, "1.0.0", bundle(name, "1.0.0"))
                .toUri().toString();
    }

    private void installWith(FakeDeploymentAdmin admin, String... names) throws Exception {
        agent = new DeploymentAgent(admin, events, settings());
        for (String name : names) {
            agent.installDeploymentPackageAsync(dp(name));
            assertEquals(Boolean.TRUE, events.nextInstalled().getProperty(EVENT_SUCCESSFUL));
        }
        agent.stop();
    }

    @Test
    void packagesTheFrameworkLostAreReinstalledFromTheirCopies() throws Exception {
        installWith(new FakeDeploymentAdmin(), "a", "b");
        FakeDeploymentAdmin cleaned = new FakeDeploymentAdmin();

        agent = new DeploymentAgent(cleaned, events, settings());

        Map<String, Object> urls = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Event event = events.nextInstalled();
            assertEquals(Boolean.TRUE, event.getProperty(EVENT_SUCCESSFUL));
            urls.put((String) event.getProperty(EVENT_PACKAGE_NAME), event.getProperty(EVENT_PACKAGE_URL));
        }
        assertEquals(settings().packagesDir().resolve("a_1.0.0.dp").toUri().toString(), urls.get("a"));
        assertEquals(settings().packagesDir().resolve("b_1.0.0.dp").toUri().toString(), urls.get("b"));
        assertNotNull(cleaned.getDeploymentPackage("a"));
        assertNotNull(cleaned.getDeploymentPackage("b"));
    }

    @Test
    void packagesStillInstalledAreNotReinstalled() throws Exception {
        FakeDeploymentAdmin admin = new FakeDeploymentAdmin();
        installWith(admin, "a");

        agent = new DeploymentAgent(admin, events, settings());
        // The reinstall check runs first on the worker and queues what it reinstalls behind c: d, asked
        // after c's event, would come after such a reinstall.
        String c = dp("c");
        agent.installDeploymentPackageAsync(c);
        assertEquals(c, events.nextInstalled().getProperty(EVENT_PACKAGE_URL));
        String d = dp("d");
        agent.installDeploymentPackageAsync(d);

        assertEquals(d, events.nextInstalled().getProperty(EVENT_PACKAGE_URL), "no reinstall came before d");
        assertEquals(3, admin.installs());
    }

    @Test
    void aRecordWrittenByKuraIsReinstalled() throws Exception {
        Path copy = TestDeploymentPackages.write(settings().packagesDir().resolve("kura_1.0.0.dp"), "kura", "1.0.0",
                bundle("kura.bundle", "1.0.0"));
        Files.createDirectories(settings().dpaConfiguration().getParent());
        Files.writeString(settings().dpaConfiguration(), "#Kura\nkura=file\\:" + copy + "\n");
        FakeDeploymentAdmin admin = new FakeDeploymentAdmin();

        agent = new DeploymentAgent(admin, events, settings());

        Event event = events.nextInstalled();
        assertEquals("file:" + copy, event.getProperty(EVENT_PACKAGE_URL));
        assertEquals(Boolean.TRUE, event.getProperty(EVENT_SUCCESSFUL));
        assertNotNull(admin.getDeploymentPackage("kura"));
    }

    @Test
    void aRecordThatIsNotALocalFileIsNotFetched() throws Exception {
        Files.createDirectories(settings().dpaConfiguration().getParent());
        Files.writeString(settings().dpaConfiguration(), "remote=http\\://packages.invalid/remote.dp\n");

        agent = new DeploymentAgent(new FakeDeploymentAdmin(), events, settings());

        Event event = events.nextInstalled();
        assertEquals("http://packages.invalid/remote.dp", event.getProperty(EVENT_PACKAGE_URL));
        assertEquals(Boolean.FALSE, event.getProperty(EVENT_SUCCESSFUL));
        KuraException failure = assertInstanceOf(KuraException.class, event.getProperty(EVENT_EXCEPTION));
        assertEquals(KuraErrorCode.SECURITY_EXCEPTION, failure.getCode());
        assertTrue(failure.getMessage().contains("'remote'"), failure.getMessage());
    }

    @Test
    void stoppingFailsQueuedWorkAndRefusesNewWork() throws Exception {
        FakeDeploymentAdmin admin = new FakeDeploymentAdmin();
        FakeDeploymentAdmin.Gate gate = admin.hold();
        agent = new DeploymentAgent(admin, events, settings());
        String running = dp("running");
        String queued = dp("queued");
        agent.installDeploymentPackageAsync(running);
        agent.installDeploymentPackageAsync(queued);
        gate.awaitEntered();

        agent.stop();

        Map<Object, Event> byUrl = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Event event = events.nextInstalled();
            byUrl.put(event.getProperty(EVENT_PACKAGE_URL), event);
        }
        assertEquals(Set.of(running, queued), byUrl.keySet());
        assertEquals(Boolean.FALSE, byUrl.get(running).getProperty(EVENT_SUCCESSFUL), "the running install was interrupted");
        KuraException stopped = assertInstanceOf(KuraException.class, byUrl.get(queued).getProperty(EVENT_EXCEPTION));
        assertEquals(KuraErrorCode.SERVICE_UNAVAILABLE, stopped.getCode());
        KuraException refused = assertThrows(KuraException.class, () -> agent.installDeploymentPackageAsync(running));
        assertEquals(KuraErrorCode.SERVICE_UNAVAILABLE, refused.getCode());
    }
}
