package dev.kprov.emulator.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.deploymentadmin.BundleInfo;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * A DeploymentAdmin without a framework: it reads the package as Felix does (manifest first, the two
 * main headers, one named section per bundle whose JAR carries the same symbolic name and version),
 * keeps installed packages by name (a new version replaces the old: an upgrade) and counts. Installs can
 * be held at a {@link Gate} to observe the agent's queue.
 */
final class FakeDeploymentAdmin implements DeploymentAdmin {

    /** Holds installs until opened; {@link #awaitEntered()} waits until one is held. */
    static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        void awaitEntered() throws InterruptedException {
            if (!entered.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no install reached DeploymentAdmin within 10 s");
            }
        }

        void open() {
            open.countDown();
        }
    }

    private final Map<String, FakePackage> installed = new ConcurrentHashMap<>();
    private final AtomicInteger installs = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final List<String> threads = new ArrayList<>();
    private volatile Gate gate;
    private volatile boolean refuseUninstall;

    Gate hold() {
        Gate held = new Gate();
        gate = held;
        return held;
    }

    void refuseUninstall() {
        refuseUninstall = true;
    }

    /** Successful installs so far. */
    int installs() {
        return installs.get();
    }

    /** The most installs that ran at the same time. */
    int mostAtOnce() {
        return mostRunning.get();
    }

    synchronized List<String> threads() {
        return new ArrayList<>(threads);
    }

    @Override
    public DeploymentPackage installDeploymentPackage(InputStream in) throws DeploymentException {
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        synchronized (this) {
            threads.add(Thread.currentThread().getName());
        }
        try {
            Gate held = gate;
            if (held != null) {
                held.entered.countDown();
                if (!held.open.await(10, TimeUnit.SECONDS)) {
                    throw new DeploymentException(DeploymentException.CODE_TIMEOUT, "test gate never opened");
                }
            }
            FakePackage read = read(in);
            installed.put(read.getName(), read);
            installs.incrementAndGet();
            return read;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException(DeploymentException.CODE_CANCELLED, "interrupted");
        } catch (IOException e) {
            throw new DeploymentException(DeploymentException.CODE_NOT_A_JAR, "not a JAR: " + e.getMessage(), e);
        } finally {
            running.decrementAndGet();
        }
    }

    private FakePackage read(InputStream in) throws IOException, DeploymentException {
        JarInputStream jar = new JarInputStream(in);
        Manifest manifest = jar.getManifest();
        if (manifest == null) {
            throw new DeploymentException(DeploymentException.CODE_MISSING_HEADER,
                    "the stream is not a JAR with a manifest first");
        }
        String name = header(manifest.getMainAttributes(), "DeploymentPackage-SymbolicName");
        Version version;
        try {
            version = Version.parseVersion(header(manifest.getMainAttributes(), "DeploymentPackage-Version"));
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(DeploymentException.CODE_BAD_HEADER, "bad DeploymentPackage-Version");
        }
        Map<String, Attributes> expected = new HashMap<>(manifest.getEntries());
        Map<String, Version> bundles = new HashMap<>();
        for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
            Attributes section = expected.remove(entry.getName());
            if (section == null) {
                throw new DeploymentException(DeploymentException.CODE_ORDER_ERROR, entry.getName() + " has no section");
            }
            Manifest bundle = new JarInputStream(jar).getManifest();
            String bsn = header(section, "Bundle-SymbolicName");
            String bundleVersion = header(section, "Bundle-Version");
            if (bundle == null || !bsn.equals(bundle.getMainAttributes().getValue("Bundle-SymbolicName"))
                    || !bundleVersion.equals(bundle.getMainAttributes().getValue("Bundle-Version"))) {
                throw new DeploymentException(DeploymentException.CODE_BUNDLE_NAME_ERROR,
                        entry.getName() + " does not match its manifest section");
            }
            bundles.put(bsn, Version.parseVersion(bundleVersion));
        }
        if (!expected.isEmpty()) {
            throw new DeploymentException(DeploymentException.CODE_MISSING_BUNDLE, "missing " + expected.keySet());
        }
        return new FakePackage(name, version, bundles);
    }

    private static String header(Attributes attributes, String name) throws DeploymentException {
        String value = attributes.getValue(name);
        if (value == null) {
            throw new DeploymentException(DeploymentException.CODE_MISSING_HEADER, "missing header " + name);
        }
        return value;
    }

    @Override
    public DeploymentPackage[] listDeploymentPackages() {
        return installed.values().toArray(new DeploymentPackage[0]);
    }

    @Override
    public DeploymentPackage getDeploymentPackage(String symbName) {
        return installed.get(symbName);
    }

    @Override
    public DeploymentPackage getDeploymentPackage(Bundle bundle) {
        return null;
    }

    @Override
    public boolean cancel() {
        return false;
    }

    /** An installed package: name, version and its bundles' symbolic names and versions. */
    final class FakePackage implements DeploymentPackage {
        private final String name;
        private final Version version;
        private final Map<String, Version> bundles;

        FakePackage(String name, Version version, Map<String, Version> bundles) {
            this.name = name;
            this.version = version;
            this.bundles = bundles;
        }

        Map<String, Version> bundles() {
            return bundles;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Version getVersion() {
            return version;
        }

        @Override
        public void uninstall() throws DeploymentException {
            if (refuseUninstall) {
                throw new DeploymentException(DeploymentException.CODE_COMMIT_ERROR, "uninstall of " + name + " refused");
            }
            installed.remove(name, this);
        }

        @Override
        public boolean uninstallForced() throws DeploymentException {
            uninstall();
            return true;
        }

        @Override
        public boolean isStale() {
            return installed.get(name) != this;
        }

        @Override
        public String getDisplayName() {
            return name;
        }

        @Override
        public BundleInfo[] getBundleInfos() {
            return new BundleInfo[0];
        }

        @Override
        public URL getIcon() {
            return null;
        }

        @Override
        public Bundle getBundle(String symbolicName) {
            return null;
        }

        @Override
        public String[] getResources() {
            return new String[0];
        }

        @SuppressWarnings("rawtypes")
        @Override
        public ServiceReference getResourceProcessor(String resource) {
            return null;
        }

        @Override
        public String getHeader(String header) {
            return null;
        }

        @Override
        public String getResourceHeader(String resource, String header) {
            return null;
        }
    }
}
