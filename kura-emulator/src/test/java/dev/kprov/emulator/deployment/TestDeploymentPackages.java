package dev.kprov.emulator.deployment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small, real deployment packages (OSGi Compendium 114) for tests: a JAR whose manifest, written
 * first, has {@code DeploymentPackage-SymbolicName}, {@code DeploymentPackage-Version} and one named
 * section per bundle ({@code Name: <bsn>_<version>.jar}, as Kura's osgi-dp plugin names them) with
 * {@code Bundle-SymbolicName} and {@code Bundle-Version}. Each bundle is a trivial OSGi bundle: a manifest
 * (no imports, no exports, no activator) and one text resource, so it resolves in any framework. Plain
 * JDK only, so it can be copied into any test module.
 */
public final class TestDeploymentPackages {

    /** One bundle of a package: its symbolic name and version. */
    public record TestBundle(String symbolicName, String version) {
        public TestBundle {
            Objects.requireNonNull(symbolicName, "symbolicName");
            Objects.requireNonNull(version, "version");
        }

        /** The bundle's path inside the package, {@code <bsn>_<version>.jar}. */
        public String entryName() {
            return symbolicName + "_" + version + ".jar";
        }
    }

    private TestDeploymentPackages() {
    }

    /** A bundle with symbolic name {@code symbolicName} at {@code version}. */
    public static TestBundle bundle(String symbolicName, String version) {
        return new TestBundle(symbolicName, version);
    }

    /** The bytes of deployment package {@code name} at {@code version} holding {@code bundles}, in order. */
    public static byte[] build(String name, String version, TestBundle... bundles) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("DeploymentPackage-SymbolicName", name);
        main.putValue("DeploymentPackage-Version", version);
        for (TestBundle bundle : bundles) {
            Attributes section = new Attributes();
            section.putValue("Bundle-SymbolicName", bundle.symbolicName());
            section.putValue("Bundle-Version", bundle.version());
            manifest.getEntries().put(bundle.entryName(), section);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // JarOutputStream(out, manifest) writes META-INF/MANIFEST.MF as the first entry, as 114.3 requires.
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (TestBundle bundle : bundles) {
                jar.putNextEntry(new JarEntry(bundle.entryName()));
                jar.write(bundleJar(bundle));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #build} to {@code file} (folders created) and returns it. */
    public static Path write(Path file, String name, String version, TestBundle... bundles) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return Files.write(file, build(name, version, bundles));
    }

    /** The bytes of a trivial bundle: an OSGi manifest and one text resource. */
    public static byte[] bundleJar(TestBundle bundle) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", bundle.symbolicName());
        main.putValue("Bundle-Version", bundle.version());
        main.putValue("Bundle-Name", "test bundle " + bundle.symbolicName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("test-bundle.txt"));
            jar.write((bundle.symbolicName() + " " + bundle.version() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
