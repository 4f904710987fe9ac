package dev.kprov.emulator.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentException;

class AgentSettingsTest {

    @TempDir
    Path dir;

    /** A BundleContext that answers only getProperty and getDataFile (under {@code dataArea}, if not null). */
    private static BundleContext context(Map<String, String> properties, Path dataArea) {
        return (BundleContext) Proxy.newProxyInstance(AgentSettingsTest.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                    case "getProperty":
                        return properties.get(args[0]);
                    case "getDataFile":
                        return dataArea == null ? null : new File(dataArea.toFile(), (String) args[0]);
                    default:
                        throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void defaultsToTheBundlesDataArea() {
        AgentSettings settings = AgentSettings.from(context(Map.of(), dir));

        assertEquals(dir.resolve("dpa.properties").toAbsolutePath(), settings.dpaConfiguration());
        assertEquals(dir.resolve("packages").toAbsolutePath(), settings.packagesDir());
        assertEquals(64L * 1024 * 1024, settings.maxPackageBytes());
        assertEquals(60_000, settings.readTimeoutMillis());
    }

    @Test
    void takesKurasFrameworkProperties() {
        AgentSettings settings = AgentSettings.from(context(Map.of("dpa.configuration", "/opt/kura/data/dpa.properties",
                "kura.packages", "/opt/kura/packages", "dpa.connection.timeout", "1500", "dpa.read.timeout", "2500",
                "kprov.emulator.dpa.maxPackageBytes", "4096"), null));

        assertEquals(Path.of("/opt/kura/data/dpa.properties"), settings.dpaConfiguration());
        assertEquals(Path.of("/opt/kura/packages"), settings.packagesDir());
        assertEquals(1500, settings.connectTimeoutMillis());
        assertEquals(2500, settings.readTimeoutMillis());
        assertEquals(4096, settings.maxPackageBytes());
    }

    @Test
    void aBadValueIsRefusedNamingTheProperty() {
        ComponentException notANumber = assertThrows(ComponentException.class,
                () -> AgentSettings.from(context(Map.of("dpa.read.timeout", "soon"), dir)));
        assertTrue(notANumber.getMessage().contains("dpa.read.timeout is 'soon'"), notANumber.getMessage());

        ComponentException zero = assertThrows(ComponentException.class,
                () -> AgentSettings.from(context(Map.of("kprov.emulator.dpa.maxPackageBytes", "0"), dir)));
        assertTrue(zero.getMessage().contains("kprov.emulator.dpa.maxPackageBytes is 0"), zero.getMessage());
    }

    @Test
    void withoutPropertyOrDataAreaActivationFailsNamingTheProperty() {
        ComponentException refused = assertThrows(ComponentException.class,
                () -> AgentSettings.from(context(Map.of(), null)));

        assertTrue(refused.getMessage().contains("dpa.configuration"), refused.getMessage());
    }
}
