package dev.kprov.emulator.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

import dev.kprov.emulator.system.PropertiesSystemService;

/** Where snapshots go: SystemService first, then the framework property, then the bundle's data area. */
class SnapshotsFolderTest {

    @TempDir
    Path dir;

    /** A BundleContext with these framework properties and a data area in {@code data} ({@code null}: none). */
    private static BundleContext context(Map<String, String> properties, Path data) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                    case "getProperty":
                        return properties.get((String) args[0]);
                    case "getDataFile":
                        return data == null ? null : new File(data.toFile(), (String) args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void theSystemServiceFolderComesFirst() throws KuraException {
        PropertiesSystemService system = new PropertiesSystemService(Map.of("kura.snapshots", "/opt/kura/user/snapshots"));

        Path folder = new SnapshotsFolder(system, context(Map.of("kura.snapshots", "/elsewhere"), dir)).get();

        assertEquals(Path.of("/opt/kura/user/snapshots"), folder);
    }

    @Test
    void anUnknownSystemServiceFolderFallsBackToTheFrameworkPropertyThenTheDataArea() throws KuraException {
        PropertiesSystemService system = new PropertiesSystemService(Map.of());
        // PropertiesSystemService answers UNKNOWN when kura.snapshots is not set (and the JVM has none)
        assertEquals("UNKNOWN", system.getKuraSnapshotsDirectory());

        assertEquals(Path.of("/framework/snapshots"),
                new SnapshotsFolder(system, context(Map.of("kura.snapshots", " /framework/snapshots "), dir)).get());
        assertEquals(dir.resolve("snapshots"), new SnapshotsFolder(system, context(Map.of(), dir)).get());
        KuraException none = assertThrows(KuraException.class,
                () -> new SnapshotsFolder(system, context(Map.of(), null)).get());
        assertEquals(KuraErrorCode.CONFIGURATION_ERROR, none.getCode());
    }
}
