package dev.kprov.platform.request;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One application of a provision request: a deployment package file, with the symbolic name and version
 * read from its manifest ({@code DeploymentPackage-SymbolicName}, {@code DeploymentPackage-Version}).
 */
public final class ApplicationFile {

    private final Path file;
    private final String name;
    private final String version;

    ApplicationFile(Path file, String name, String version) {
        this.file = file;
        this.name = name;
        this.version = version;
    }

    public Path file() {
        return file;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApplicationFile that && file.equals(that.file) && name.equals(that.name)
                && version.equals(that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, name, version);
    }

    @Override
    public String toString() {
        return name + " " + version + " (" + file + ")";
    }
}
