package dev.kprov.agent.itest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds small real deployment packages (OSGi Compendium 114): the manifest first, then one bundle. */
final class DeploymentPackages {

    private DeploymentPackages() {
    }

    /**
     * A package {@code name} {@code version} holding one trivial bundle {@code name.bundle}; when
     * {@code broken}, the bundle's bytes are not a jar, so DeploymentAdmin refuses to install it.
     */
    static Path write(Path file, String name, String version, boolean broken) throws IOException {
        String bsn = name + ".bundle";
        String entry = bsn + "_" + version + ".jar";
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("DeploymentPackage-SymbolicName", name);
        manifest.getMainAttributes().putValue("DeploymentPackage-Version", version);
        Attributes section = new Attributes();
        section.putValue("Bundle-SymbolicName", bsn);
        section.putValue("Bundle-Version", version);
        manifest.getEntries().put(entry, section);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream dp = new JarOutputStream(bytes, manifest)) {
            dp.putNextEntry(new JarEntry(entry));
            dp.write(broken ? "not a bundle".getBytes(StandardCharsets.UTF_8) : bundle(bsn, version));
            dp.closeEntry();
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static byte[] bundle(String bsn, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write(("an application delivered by a provisioning package: " + bsn).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
