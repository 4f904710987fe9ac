package dev.kprov.sandbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar target/kprov-sandbox.jar} as a person runs it, in a process of its own, its output in
 * a {@code .log} file beside its data folder under {@code target/sandbox-it/} (read by the suite's secrets
 * audit). Generated secrets carry the audit's marker, so that neither the output nor the log may show one.
 */
final class SandboxProcess {

    static final String MARKER = "S3CR3T";
    private static final Duration BOUND = Duration.ofSeconds(120);

    record Run(int exit, String output, Path data) {
    }

    private SandboxProcess() {
    }

    static Path itDir() {
        return Paths.get(System.getProperty("kprov.sandbox.itDir", "target/sandbox-it"));
    }

    /** Runs the sandbox with {@code --data data} and {@code args}; its output goes to {@code output}. */
    static Run run(Path data, Path output, List<String> args) throws Exception {
        Files.createDirectories(output.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-D" + dev.kprov.sandbox.secret.Secret.MARKER_PROPERTY + "=" + MARKER, "-jar",
                System.getProperty("kprov.sandbox.jar", "target/kprov-sandbox.jar"), "--data", data.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the sandbox did not end within " + BOUND + "; it printed:\n" + read(output));
        }
        return new Run(process.exitValue(), read(output), data);
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    static void assertNoSecret(Run run) throws IOException {
        assertFalse(run.output().toUpperCase(Locale.ROOT).contains(MARKER), "a secret in the output:\n" + run.output());
        String log = read(run.data().resolve("sandbox.log"));
        assertFalse(log.toUpperCase(Locale.ROOT).contains(MARKER), "a secret in sandbox.log");
        assertFalse(log.contains("PRIVATE KEY-----"), "a private key in sandbox.log");
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
