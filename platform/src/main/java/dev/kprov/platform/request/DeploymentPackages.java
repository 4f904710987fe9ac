package dev.kprov.platform.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/** Reads the name and version of an OSGi deployment package (a JAR whose manifest comes first). */
final class DeploymentPackages {

    static final String SYMBOLIC_NAME = "DeploymentPackage-SymbolicName";
    static final String VERSION = "DeploymentPackage-Version";
    /** PROTOCOL.md section 7: each application at most 8 MiB. */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private DeploymentPackages() {
    }

    static ApplicationFile read(Path file) throws InvalidRequestException {
        long size = size(file);
        if (size > MAX_BYTES) {
            throw new InvalidRequestException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                    + " an application may have");
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(file); JarInputStream jar = new JarInputStream(in, false)) {
            manifest = jar.getManifest();
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException(file + ": not a deployment package (" + e.getMessage() + ")", e);
        }
        if (manifest == null) {
            throw new InvalidRequestException(file + ": not a deployment package (no manifest)");
        }
        Attributes main = manifest.getMainAttributes();
        String name = header(main, SYMBOLIC_NAME, file);
        int parameters = name.indexOf(';');
        if (parameters >= 0) {
            name = name.substring(0, parameters).trim();
        }
        return new ApplicationFile(file, name, header(main, VERSION, file));
    }

    static long size(Path file) throws InvalidRequestException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidRequestException(file + ": cannot read (" + e + ")", e);
        }
    }

    private static String header(Attributes main, String header, Path file) throws InvalidRequestException {
        String value = main.getValue(header);
        if (value == null || value.trim().isEmpty()) {
            throw new InvalidRequestException(file + ": the manifest lacks " + header);
        }
        return value.trim();
    }
}
