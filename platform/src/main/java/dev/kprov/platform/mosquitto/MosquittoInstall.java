package dev.kprov.platform.mosquitto;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where this machine's Mosquitto is: the broker ({@code mosquitto}, Debian's package {@code mosquitto}),
 * {@code mosquitto_ctrl} (package {@code mosquitto-clients}) and the dynamic-security plugin (package
 * {@code mosquitto}). Looked up on {@code PATH} and in the folders Debian installs to.
 */
record MosquittoInstall(Path broker, Path ctrl, Path plugin) {

    static final String INSTALL_HINT = "install it: apt-get install mosquitto mosquitto-clients";
    private static final String PLUGIN = "mosquitto_dynamic_security.so";

    /** @throws IOException naming what is missing and how to install it */
    static MosquittoInstall find() throws IOException {
        Path broker = executable("mosquitto", "/usr/sbin", "/usr/local/sbin")
                .orElseThrow(() -> missing("the mosquitto broker (looked on PATH, /usr/sbin, /usr/local/sbin)"));
        Path ctrl = executable("mosquitto_ctrl", "/usr/bin", "/usr/local/bin")
                .orElseThrow(() -> missing("mosquitto_ctrl (looked on PATH, /usr/bin, /usr/local/bin)"));
        Path plugin = findPlugin().orElseThrow(() -> missing("Mosquitto's dynamic-security plugin " + PLUGIN
                + " (looked in /usr/lib, /usr/lib/*/ and /usr/local/lib)"));
        return new MosquittoInstall(broker, ctrl, plugin);
    }

    private static IOException missing(String what) {
        return new IOException("no Mosquitto on this machine: cannot find " + what + "; " + INSTALL_HINT);
    }

    private static Optional<Path> executable(String name, String... extraFolders) {
        List<String> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        folders.addAll(List.of(extraFolders));
        for (String folder : folders) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> findPlugin() throws IOException {
        for (String folder : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib", "/usr/local/lib")) {
            Path candidate = Path.of(folder, PLUGIN);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        Path lib = Path.of("/usr/lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(lib, Files::isDirectory)) {
                for (Path folder : folders) {
                    Path candidate = folder.resolve(PLUGIN);
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
