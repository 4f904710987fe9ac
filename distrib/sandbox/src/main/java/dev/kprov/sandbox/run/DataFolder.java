package dev.kprov.sandbox.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run keeps its state: {@code --data DIR}, kept and continued from by the next run, or a
 * temporary folder deleted at the end (kept when the run failed, for its log).
 *
 * <pre>
 *   platform/                 the platform's keys (broker-ca.pem, signer-root.pem, endpoint, ...)
 *   platform/configurations/  the configuration each gateway is delivered (owner-only: account passwords)
 *   gateways/{client-id}/     framework storage, ConfigurationAdmin, keystore.p12, snapshots, packages
 *   sandbox.log               the logs of the platform and of every framework
 * </pre>
 */
final class DataFolder {

    private final Path root;
    private final boolean temporary;
    private final boolean continued;

    private DataFolder(Path root, boolean temporary, boolean continued) {
        this.root = root;
        this.temporary = temporary;
        this.continued = continued;
    }

    static DataFolder open(Optional<Path> given) throws IOException {
        if (given.isEmpty()) {
            return new DataFolder(Files.createTempDirectory("kprov-sandbox-"), true, false);
        }
        Path root = given.get().toAbsolutePath();
        boolean continued = Files.isDirectory(root.resolve("gateways"));
        Files.createDirectories(root);
        return new DataFolder(root, false, continued);
    }

    Path root() {
        return root;
    }

    Path platformState() {
        return root.resolve("platform");
    }

    Path configurations() {
        return root.resolve("platform").resolve("configurations");
    }

    Path gateways() {
        return root.resolve("gateways");
    }

    Path log() {
        return root.resolve("sandbox.log");
    }

    boolean isTemporary() {
        return temporary;
    }

    /** True when an earlier run left its state here. */
    boolean isContinued() {
        return continued;
    }

    /** Deletes a temporary folder; a kept one stays. */
    void delete() throws IOException {
        if (!temporary || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
