package dev.kprov.emulator.deployment;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentException;

/**
 * Where the deployment agent keeps its packages and how it reads them: immutable and validated. Under DS
 * it comes from framework properties with Kura's own names ({@value #DPA_CONFIGURATION},
 * {@value #KURA_PACKAGES}, {@value #CONNECTION_TIMEOUT}, {@value #READ_TIMEOUT}) plus the emulator's
 * {@value #MAX_PACKAGE_BYTES}; in plain Java from {@link #of(Path, Path)} and the {@code with} methods.
 */
public final class AgentSettings {

    /** Framework property (Kura's): the properties file that maps package name to its kept copy. */
    public static final String DPA_CONFIGURATION = "dpa.configuration";
    /** Framework property (Kura's): the folder where installed packages are kept for reinstall. */
    public static final String KURA_PACKAGES = "kura.packages";
    /** Framework property (Kura's): connect timeout of {@code http(s):} downloads, in milliseconds. */
    public static final String CONNECTION_TIMEOUT = "dpa.connection.timeout";
    /** Framework property (Kura's): read timeout of {@code http(s):} downloads, in milliseconds. */
    public static final String READ_TIMEOUT = "dpa.read.timeout";
    /** Framework property (the emulator's): the largest package read, in bytes; larger ones are refused. */
    public static final String MAX_PACKAGE_BYTES = "kprov.emulator.dpa.maxPackageBytes";

    /** The file name of {@value #DPA_CONFIGURATION} in the bundle's data area when the property is unset. */
    public static final String DEFAULT_DPA_FILE = "dpa.properties";
    /** The folder name of {@value #KURA_PACKAGES} in the bundle's data area when the property is unset. */
    public static final String DEFAULT_PACKAGES_DIR = "packages";
    /** 64 MiB. */
    public static final long DEFAULT_MAX_PACKAGE_BYTES = 64L * 1024 * 1024;
    /** Kura's default {@code kura.properties} value for both timeouts. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 60_000;

    private final Path dpaConfiguration;
    private final Path packagesDir;
    private final long maxPackageBytes;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    private AgentSettings(Path dpaConfiguration, Path packagesDir, long maxPackageBytes, int connectTimeoutMillis,
            int readTimeoutMillis) {
        this.dpaConfiguration = Objects.requireNonNull(dpaConfiguration, "dpaConfiguration").toAbsolutePath();
        this.packagesDir = Objects.requireNonNull(packagesDir, "packagesDir").toAbsolutePath();
        if (maxPackageBytes <= 0) {
            throw new IllegalArgumentException("the package size limit must be positive, not " + maxPackageBytes);
        }
        if (connectTimeoutMillis < 0 || readTimeoutMillis < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        this.maxPackageBytes = maxPackageBytes;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Settings with the default limit and timeouts. */
    public static AgentSettings of(Path dpaConfiguration, Path packagesDir) {
        return new AgentSettings(dpaConfiguration, packagesDir, DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_TIMEOUT_MILLIS,
                DEFAULT_TIMEOUT_MILLIS);
    }

    /**
     * Settings from the framework properties, with the bundle's data area for what is not set.
     *
     * @throws ComponentException naming the property whose value is not valid, or when a folder is needed
     *             from a framework that gives the bundle no data area
     */
    public static AgentSettings from(BundleContext context) {
        Path dpa = pathOf(context, DPA_CONFIGURATION, DEFAULT_DPA_FILE);
        Path packages = pathOf(context, KURA_PACKAGES, DEFAULT_PACKAGES_DIR);
        try {
            return new AgentSettings(dpa, packages,
                    number(context, MAX_PACKAGE_BYTES, DEFAULT_MAX_PACKAGE_BYTES, 1, Long.MAX_VALUE),
                    (int) number(context, CONNECTION_TIMEOUT, DEFAULT_TIMEOUT_MILLIS, 0, Integer.MAX_VALUE),
                    (int) number(context, READ_TIMEOUT, DEFAULT_TIMEOUT_MILLIS, 0, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new ComponentException(e.getMessage());
        }
    }

    private static Path pathOf(BundleContext context, String property, String defaultName) {
        String configured = context.getProperty(property);
        if (configured != null && !configured.trim().isEmpty()) {
            return Path.of(configured.trim());
        }
        File dataFile = context.getDataFile(defaultName);
        if (dataFile == null) {
            throw new ComponentException(
                    "framework property " + property + " is not set and the framework gives this bundle no data area");
        }
        return dataFile.toPath();
    }

    private static long number(BundleContext context, String property, long fallback, long min, long max) {
        String configured = context.getProperty(property);
        if (configured == null || configured.trim().isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "framework property " + property + " is '" + configured + "', not a whole number");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("framework property " + property + " is " + value
                    + ", outside " + min + ".." + max);
        }
        return value;
    }

    /** A copy with another package size limit, in bytes (positive). */
    public AgentSettings withMaxPackageBytes(long bytes) {
        return new AgentSettings(dpaConfiguration, packagesDir, bytes, connectTimeoutMillis, readTimeoutMillis);
    }

    /** A copy with other download timeouts, in milliseconds (0 waits for ever, as in Kura). */
    public AgentSettings withTimeouts(int connectMillis, int readMillis) {
        return new AgentSettings(dpaConfiguration, packagesDir, maxPackageBytes, connectMillis, readMillis);
    }

    /** The {@code dpa.properties} file. */
    public Path dpaConfiguration() {
        return dpaConfiguration;
    }

    /** The folder of kept packages. */
    public Path packagesDir() {
        return packagesDir;
    }

    /** The largest package read, in bytes. */
    public long maxPackageBytes() {
        return maxPackageBytes;
    }

    /** Connect timeout of downloads, in milliseconds. */
    public int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Read timeout of downloads, in milliseconds. */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    @Override
    public String toString() {
        return "AgentSettings[dpa=" + dpaConfiguration + ", packages=" + packagesDir + ", max=" + maxPackageBytes
                + "]";
    }
}
