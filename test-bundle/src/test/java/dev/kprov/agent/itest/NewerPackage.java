package dev.kprov.agent.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A newer version of a deployment package: the same content, the package's and its bundles' versions raised. */
final class NewerPackage {

    private NewerPackage() {
    }

    static byte[] of(InputStream dp, String newVersion) throws IOException {
        try (JarInputStream in = new JarInputStream(dp)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("DeploymentPackage-Version", newVersion);
            Manifest renamed = new Manifest();
            renamed.getMainAttributes().putAll(manifest.getMainAttributes());
            Map<String, String> names = new java.util.HashMap<>();
            for (Map.Entry<String, Attributes> section : manifest.getEntries().entrySet()) {
                String bsn = section.getValue().getValue("Bundle-SymbolicName");
                String name = bsn + "_" + newVersion + ".jar";
                names.put(section.getKey(), name);
                Attributes attributes = new Attributes(section.getValue());
                attributes.putValue("Bundle-Version", newVersion);
                renamed.getEntries().put(name, attributes);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, renamed)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    byte[] content = in.readAllBytes();
                    String name = names.getOrDefault(entry.getName(), entry.getName());
                    out.putNextEntry(new JarEntry(name));
                    out.write(names.containsKey(entry.getName()) ? bundle(content, newVersion) : content);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }

    private static byte[] bundle(byte[] jar, String newVersion) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", newVersion);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(in.readAllBytes());
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        }
    }
}
