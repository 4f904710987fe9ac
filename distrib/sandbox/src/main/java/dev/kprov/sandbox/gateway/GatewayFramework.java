package dev.kprov.sandbox.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * One emulated gateway's OSGi framework (Equinox, found through {@code ServiceLoader<FrameworkFactory>}),
 * its storage in the gateway's folder. Every bundle but the agent starts at level 1; the agent is at
 * level 2, reached by {@link #startAgent}, so that the sandbox listens to the agent before it runs.
 * Bundles kept in the storage from an earlier run are reused, and replaced when the jar brings others.
 */
public final class GatewayFramework implements AutoCloseable {

    public static final String AGENT_BSN = "dev.kprov.agent";
    private static final int AGENT_LEVEL = 2;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Framework framework;

    private GatewayFramework(Framework framework) {
        this.framework = framework;
    }

    /** Starts the framework with every bundle of {@code bundles} installed, up to start level 1. */
    public static GatewayFramework launch(GatewaySpec spec, List<EmbeddedBundle> bundles, Duration timeout)
            throws GatewayException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new GatewayException("no OSGi framework on the class path (FrameworkFactory)"));
        Framework framework = factory.newFramework(properties(spec));
        GatewayFramework gateway = new GatewayFramework(framework);
        try {
            framework.init();
            List<Bundle> replaced = gateway.install(bundles);
            if (!replaced.isEmpty()) {
                gateway.refresh(replaced, timeout);
            }
            framework.start();
            return gateway;
        } catch (BundleException | RuntimeException e) {
            gateway.close();
            throw new GatewayException("gateway " + spec.clientId() + ": the framework did not start: " + e, e);
        }
    }

    private static Map<String, String> properties(GatewaySpec spec) throws GatewayException {
        Path folder = spec.folder().toAbsolutePath();
        try {
            Files.createDirectories(folder.resolve("snapshots"));
            Files.createDirectories(folder.resolve("packages"));
            Files.createDirectories(folder.resolve("config"));
        } catch (IOException e) {
            throw new GatewayException("cannot create the gateway folder " + folder + ": " + e, e);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, folder.resolve("framework").toString());
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "1");
        // Several frameworks share this JVM: each keeps its own properties.
        properties.put("osgi.framework.useSystemProperties", "false");
        properties.put("felix.cm.dir", folder.resolve("config").toString());
        // The emulated gateway (kura-emulator/, as in test-bundle/runtime.bnd).
        properties.put("kprov.emulator.primaryMacAddress", spec.macAddress());
        properties.put("kura.serialNumber", spec.serialNumber());
        properties.put("kura.model.id", "kprov-sandbox");
        properties.put("kura.version", "KURA_5.0.0");
        properties.put("kprov.emulator.keystore.path", folder.resolve("keystore.p12").toString());
        properties.put("kura.snapshots", folder.resolve("snapshots").toString());
        properties.put("kura.packages", folder.resolve("packages").toString());
        properties.put("dpa.configuration", folder.resolve("dpa.properties").toString());
        properties.put("kura.data", folder.resolve("data").toString());
        return properties;
    }

    /** Installs what is missing, replaces what changed, removes what the jar no longer brings. */
    private List<Bundle> install(List<EmbeddedBundle> bundles) throws BundleException {
        BundleContext system = framework.getBundleContext();
        List<Bundle> replaced = new ArrayList<>();
        for (Bundle existing : system.getBundles()) {
            String location = existing.getLocation();
            boolean current = bundles.stream().anyMatch(b -> b.location().equals(location));
            if (location.startsWith(EmbeddedBundle.LOCATION_PREFIX) && !current) {
                existing.uninstall();
                replaced.add(existing);
            }
        }
        for (EmbeddedBundle embedded : bundles) {
            Bundle bundle = system.getBundle(embedded.location());
            if (bundle == null) {
                bundle = system.installBundle(embedded.location(), embedded.open());
            }
            bundle.adapt(BundleStartLevel.class).setStartLevel(embedded.startLevel());
            if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) == 0) {
                bundle.start();
            }
        }
        return replaced;
    }

    private void refresh(List<Bundle> replaced, Duration timeout) throws GatewayException {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(replaced, event -> done.countDown());
        await(done, timeout, "refreshing the bundles replaced since the last run");
    }

    /** Raises the framework to the agent's start level and waits until it is there. */
    public void startAgent(Duration timeout) throws GatewayException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(AGENT_LEVEL, event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                reached.countDown();
            }
        });
        await(reached, timeout, "starting the agent bundle");
        Bundle agent = bundle(AGENT_BSN);
        if (agent == null || agent.getState() != Bundle.ACTIVE) {
            throw new GatewayException("the agent bundle did not start (see sandbox.log)");
        }
    }

    private static void await(CountDownLatch latch, Duration timeout, String what) throws GatewayException {
        try {
            if (!latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new GatewayException(what + " took longer than " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(what + " was interrupted", e);
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    /** The bundle with that symbolic name, or null. */
    public Bundle bundle(String symbolicName) {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    /** {@code Equinox 3.21.0, 24 bundles, 24 active}, for a person. */
    public String describe() {
        Bundle[] bundles = framework.getBundleContext().getBundles();
        long active = java.util.Arrays.stream(bundles).filter(b -> b.getState() == Bundle.ACTIVE).count();
        return "OSGi framework " + framework.getSymbolicName() + " " + framework.getVersion() + ", "
                + (bundles.length - 1) + " bundles, " + (active - 1) + " active";
    }

    /** Stops the framework and waits for it; idempotent. */
    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(STOP_TIMEOUT.toMillis());
        } catch (BundleException e) {
            // stopping a framework that never started: nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
