package dev.kprov.agent.message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One application of a provisioning package (PROTOCOL.md section 6.1): a deployment package with its
 * symbolic name, version and SHA-256. An instance always holds content that matches its SHA-256.
 */
public final class Application {

    private final String name;
    private final String version;
    private final String sha256;
    private final byte[] content;

    private Application(String name, String version, String sha256, byte[] content) {
        this.name = name;
        this.version = version;
        this.sha256 = sha256;
        this.content = content;
    }

    /**
     * An application whose SHA-256 is computed from {@code content} (copied), as the platform builds one.
     *
     * @throws IllegalArgumentException for an empty name or version, or content past
     *             {@link Limits#MAX_APPLICATION_BYTES}
     */
    public static Application of(String name, String version, byte[] content) {
        require(!Objects.requireNonNull(name, "name").isEmpty(), "application name is empty");
        require(!Objects.requireNonNull(version, "version").isEmpty(), "application version is empty");
        require(content.length <= Limits.MAX_APPLICATION_BYTES, "application " + name + " is " + content.length
                + " bytes, more than " + Limits.MAX_APPLICATION_BYTES);
        byte[] copy = content.clone();
        return new Application(name, version, sha256(copy), copy);
    }

    /** An application read from a package, whose content the caller has checked against {@code sha256}. */
    static Application verified(String name, String version, String sha256, byte[] content) {
        return new Application(name, version, sha256, content);
    }

    static String sha256(byte[] content) {
        try {
            return Text.hex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The deployment package's symbolic name. */
    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** 64 lower-case hex digits. */
    public String sha256() {
        return sha256;
    }

    /** A copy of the deployment package (.dp) file. */
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Application)) {
            return false;
        }
        Application that = (Application) other;
        return name.equals(that.name) && version.equals(that.version) && sha256.equals(that.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, sha256);
    }

    @Override
    public String toString() {
        return "Application[" + name + " " + version + ", " + content.length + " bytes, sha256 " + sha256 + "]";
    }
}
