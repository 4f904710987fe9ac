package dev.kprov.emulator.deployment;

import static dev.kprov.emulator.deployment.TestDeploymentPackages.bundle;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_EXCEPTION;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_NAME;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_URL;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_PACKAGE_VERSION;
import static org.eclipse.kura.deployment.agent.DeploymentAgentService.EVENT_SUCCESSFUL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.deployment.agent.MarketplacePackageDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import com.sun.net.httpserver.HttpServer;

class DeploymentAgentInstallTest {

    @TempDir
    Path dir;

    private final FakeDeploymentAdmin admin = new FakeDeploymentAdmin();
    private final EventQueue events = new EventQueue();
    private AgentSettings settings;
    private DeploymentAgent agent;

    @BeforeEach
    void start() {
        settings = AgentSettings.of(dir.resolve("data/dpa.properties"), dir.resolve("packages"));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
    }

    private DeploymentAgent agent() {
        agent = new DeploymentAgent(admin, events, settings);
        return agent;
    }

    private String demo(String version) throws Exception {
        return TestDeploymentPackages.write(dir.resolve("in/demo-" + version + ".dp"), "demo", version,
                bundle("demo.api", version), bundle("demo.impl", version)).toUri().toString();
    }

    private Properties recorded() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(settings.dpaConfiguration())) {
            properties.load(in);
        }
        return properties;
    }

    private static KuraException failure(Event event, KuraErrorCode code) {
        assertEquals(Boolean.FALSE, event.getProperty(EVENT_SUCCESSFUL));
        KuraException failure = assertInstanceOf(KuraException.class, event.getProperty(EVENT_EXCEPTION));
        assertEquals(code, failure.getCode());
        return failure;
    }

    @Test
    void installsAPackageKeepsACopyAndPostsKurasEvent() throws Exception {
        String url = demo("1.0.0");

        agent().installDeploymentPackageAsync(url);
        Event event = events.nextInstalled();

        assertEquals(url, event.getProperty(EVENT_PACKAGE_URL));
        assertEquals("demo", event.getProperty(EVENT_PACKAGE_NAME));
        assertEquals("1.0.0", event.getProperty(EVENT_PACKAGE_VERSION));
        assertEquals(Boolean.TRUE, event.getProperty(EVENT_SUCCESSFUL));
        assertNull(event.getProperty(EVENT_EXCEPTION));
        assertFalse(agent.isInstallingDeploymentPackage(url));
        assertEquals(Map.of("demo.api", new Version(1, 0, 0), "demo.impl", new Version(1, 0, 0)),
                ((FakeDeploymentAdmin.FakePackage) admin.getDeploymentPackage("demo")).bundles());
        Path copy = settings.packagesDir().resolve("demo_1.0.0.dp");
        assertArrayEquals(Files.readAllBytes(Path.of(java.net.URI.create(url))), Files.readAllBytes(copy));
        assertEquals(copy.toUri().toString(), recorded().getProperty("demo"));
        assertEquals(List.of(DeploymentAgent.THREAD_NAME), admin.threads());
        try (var files = Files.list(settings.packagesDir())) {
            assertEquals(List.of(copy), files.toList(), "nothing but the copy is left in the packages folder");
        }
    }

    @Test
    void returnsAtOnceAndRefusesASecondCallForAUrlBeingInstalled() throws Exception {
        String url = demo("1.0.0");
        FakeDeploymentAdmin.Gate gate = admin.hold();

        agent().installDeploymentPackageAsync(url);
        gate.awaitEntered();

        assertTrue(agent.isInstallingDeploymentPackage(url));
        KuraException refused = assertThrows(KuraException.class, () -> agent.installDeploymentPackageAsync(url));
        assertTrue(refused.getMessage().contains("already being installed"), refused.getMessage());
        gate.open();
        assertEquals(Boolean.TRUE, events.nextInstalled().getProperty(EVENT_SUCCESSFUL));
        assertFalse(agent.isInstallingDeploymentPackage(url));
    }

    @Test
    void aListenerMayAskAgainForTheSameUrlWhenItsEventArrives() throws Exception {
        String url = demo("1.0.0");
        AtomicReference<Exception> askedAgain = new AtomicReference<>();
        EventAdmin listener = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                if (askedAgain.get() == null && askedAgain.compareAndSet(null, new Exception("none"))) {
                    try {
                        agent.installDeploymentPackageAsync(url);
                    } catch (Exception e) {
                        askedAgain.set(e);
                    }
                }
                events.postEvent(event);
            }

            @Override
            public void sendEvent(Event event) {
                postEvent(event);
            }
        };
        agent = new DeploymentAgent(admin, listener, settings);

        agent.installDeploymentPackageAsync(url);

        assertEquals(Boolean.TRUE, events.nextInstalled().getProperty(EVENT_SUCCESSFUL));
        assertEquals(Boolean.TRUE, events.nextInstalled().getProperty(EVENT_SUCCESSFUL));
        assertEquals("none", askedAgain.get().getMessage(), "asking again from the event was refused");
    }

    @Test
    void runsInstallsOneAtATimeInTheOrderAsked() throws Exception {
        String first = TestDeploymentPackages.write(dir.resolve("a.dp"), "a", "1.0.0", bundle("a", "1.0.0"))
                .toUri().toString();
        String second = TestDeploymentPackages.write(dir.resolve("b.dp"), "b", "1.0.0", bundle("b", "1.0.0"))
                .toUri().toString();
        FakeDeploymentAdmin.Gate gate = admin.hold();

        agent().installDeploymentPackageAsync(first);
        agent.installDeploymentPackageAsync(second);
        gate.awaitEntered();
        assertTrue(agent.isInstallingDeploymentPackage(second), "the second waits in the queue");
        gate.open();

        assertEquals(first, events.nextInstalled().getProperty(EVENT_PACKAGE_URL));
        assertEquals(second, events.nextInstalled().getProperty(EVENT_PACKAGE_URL));
        assertEquals(1, admin.mostAtOnce());
    }

    @Test
    void aNewerVersionUpgradesThePackageAndReplacesItsCopy() throws Exception {
        agent().installDeploymentPackageAsync(demo("1.0.0"));
        events.nextInstalled();

        agent.installDeploymentPackageAsync(demo("1.1.0"));
        Event event = events.nextInstalled();

        assertEquals("1.1.0", event.getProperty(EVENT_PACKAGE_VERSION));
        assertEquals(new Version(1, 1, 0), admin.getDeploymentPackage("demo").getVersion());
        Path copy = settings.packagesDir().resolve("demo_1.1.0.dp");
        assertEquals(copy.toUri().toString(), recorded().getProperty("demo"));
        assertTrue(Files.exists(copy));
        assertFalse(Files.exists(settings.packagesDir().resolve("demo_1.0.0.dp")));
    }

    @Test
    void aFileThatIsNotADeploymentPackageFailsWithDeploymentAdminsReason() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.dp"), "not a jar");
        String url = junk.toUri().toString();

        agent().installDeploymentPackageAsync(url);
        Event event = events.nextInstalled();

        assertEquals(url, event.getProperty(EVENT_PACKAGE_URL));
        assertEquals(Boolean.FALSE, event.getProperty(EVENT_SUCCESSFUL));
        assertEquals("UNKNOWN", event.getProperty(EVENT_PACKAGE_NAME));
        assertEquals("UNKNOWN", event.getProperty(EVENT_PACKAGE_VERSION));
        assertInstanceOf(DeploymentException.class, event.getProperty(EVENT_EXCEPTION));
        assertFalse(Files.exists(settings.dpaConfiguration()), "nothing recorded");
        try (var files = Files.list(settings.packagesDir())) {
            assertEquals(0, files.count(), "the downloaded copy is removed");
        }
    }

    @Test
    void aMissingFileFailsNamingThePath() throws Exception {
        Path missing = dir.resolve("nowhere/missing.dp");

        agent().installDeploymentPackageAsync(missing.toUri().toString());

        KuraException failure = failure(events.nextInstalled(), KuraErrorCode.NOT_FOUND);
        assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
    }

    @Test
    void aPackagePastTheLimitIsRefused() throws Exception {
        settings = settings.withMaxPackageBytes(100);

        agent().installDeploymentPackageAsync(demo("1.0.0"));

        KuraException failure = failure(events.nextInstalled(), KuraErrorCode.BAD_REQUEST);
        assertTrue(failure.getMessage().contains("limit of 100 bytes"), failure.getMessage());
        assertEquals(0, admin.installs());
    }

    @Test
    void anUnsupportedSchemeOrANonUrlFailsInTheEvent() throws Exception {
        agent().installDeploymentPackageAsync("ftp://packages.invalid/demo.dp");
        KuraException scheme = failure(events.nextInstalled(), KuraErrorCode.OPERATION_NOT_SUPPORTED);
        assertTrue(scheme.getMessage().contains("'ftp'"), scheme.getMessage());

        agent.installDeploymentPackageAsync("demo.dp");
        KuraException noScheme = failure(events.nextInstalled(), KuraErrorCode.BAD_REQUEST);
        assertTrue(noScheme.getMessage().contains("no scheme"), noScheme.getMessage());
    }

    @Test
    void aBlankUrlIsRefusedAtOnce() {
        KuraException refused = assertThrows(KuraException.class, () -> agent().installDeploymentPackageAsync(" "));
        assertEquals(KuraErrorCode.BAD_REQUEST, refused.getCode());
    }

    @Test
    void installsFromAnHttpUrl() throws Exception {
        byte[] dp = TestDeploymentPackages.build("web", "2.0.0", bundle("web.bundle", "2.0.0"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/web.dp", exchange -> {
            exchange.sendResponseHeaders(200, dp.length);
            exchange.getResponseBody().write(dp);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/web.dp";

            agent().installDeploymentPackageAsync(url);
            Event event = events.nextInstalled();

            assertEquals(url, event.getProperty(EVENT_PACKAGE_URL));
            assertEquals(Boolean.TRUE, event.getProperty(EVENT_SUCCESSFUL));
            assertArrayEquals(dp, Files.readAllBytes(settings.packagesDir().resolve("web_2.0.0.dp")));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theMarketplaceDescriptorIsEmpty() {
        MarketplacePackageDescriptor descriptor = agent()
                .getMarketplacePackageDescriptor("https://marketplace.eclipse.org/node/1/api/p");

        assertNull(descriptor.getDpUrl());
        assertNull(descriptor.getUrl());
        assertFalse(descriptor.isCompatible());
    }
}
