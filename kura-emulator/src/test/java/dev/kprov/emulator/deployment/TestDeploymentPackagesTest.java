package dev.kprov.emulator.deployment;

import static dev.kprov.emulator.deployment.TestDeploymentPackages.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/** The helper writes packages as the Deployment Admin specification (114.3) and Kura's osgi-dp plugin do. */
class TestDeploymentPackagesTest {

    private final byte[] dp = TestDeploymentPackages.build("demo", "1.2.0", bundle("demo.api", "1.2.0"),
            bundle("demo.impl", "1.2.1"));

    @Test
    void theManifestIsTheFirstEntryThenOneJarPerBundle() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(dp))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }

        assertEquals(List.of("META-INF/MANIFEST.MF", "demo.api_1.2.0.jar", "demo.impl_1.2.1.jar"), names);
    }

    @Test
    void theManifestNamesThePackageAndEachBundle() throws Exception {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(dp))) {
            Manifest manifest = jar.getManifest();

            assertEquals("demo", manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName"));
            assertEquals("1.2.0", manifest.getMainAttributes().getValue("DeploymentPackage-Version"));
            Attributes impl = manifest.getAttributes("demo.impl_1.2.1.jar");
            assertEquals("demo.impl", impl.getValue("Bundle-SymbolicName"));
            assertEquals("1.2.1", impl.getValue("Bundle-Version"));
            assertEquals(2, manifest.getEntries().size());
        }
    }

    @Test
    void eachBundleIsAnOsgiBundleWithoutImports() throws Exception {
        byte[] bundle = TestDeploymentPackages.bundleJar(bundle("demo.api", "1.2.0"));

        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bundle))) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("2", main.getValue("Bundle-ManifestVersion"));
            assertEquals("demo.api", main.getValue("Bundle-SymbolicName"));
            assertEquals("1.2.0", main.getValue("Bundle-Version"));
            assertNull(main.getValue("Import-Package"));
            assertNotNull(jar.getNextJarEntry());
        }
    }
}
