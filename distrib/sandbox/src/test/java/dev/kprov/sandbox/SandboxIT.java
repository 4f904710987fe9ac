package dev.kprov.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

import org.junit.jupiter.api.Test;

/**
 * The sandbox as a person runs it: {@code java -jar target/kprov-sandbox.jar}, after package, each run
 * in its own process with its data folder under {@code target/sandbox-it/}. Generated secrets carry the
 * audit's marker, so that neither the output nor the log may show one.
 */
class SandboxIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String MARKER = "S3CR3T";

    private record Run(int exit, String output, Path data) {
    }

    private static Run sandbox(String name, boolean fresh, String... args) throws Exception {
        Path itDir = Paths.get(System.getProperty("kprov.sandbox.itDir", "target/sandbox-it"));
        Path data = itDir.resolve(name);
        if (fresh) {
            deleteTree(data);
        }
        Files.createDirectories(itDir);
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkprov.sandbox.secretMarker=" + MARKER, "-jar",
                System.getProperty("kprov.sandbox.jar", "target/kprov-sandbox.jar"), "--data", data.toString()));
        command.addAll(List.of(args));
        // .log: read by the suite's secrets audit (audit/)
        Path output = itDir.resolve(name + (fresh ? "" : "-again") + "-output.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the sandbox did not end within " + BOUND + "; it printed:\n" + read(output));
        }
        return new Run(process.exitValue(), read(output), data);
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void assertNoSecret(Run run) throws IOException {
        assertFalse(run.output().toUpperCase(Locale.ROOT).contains(MARKER), "a secret in the output:\n" + run.output());
        String log = read(run.data().resolve("sandbox.log"));
        assertFalse(log.toUpperCase(Locale.ROOT).contains(MARKER), "a secret in sandbox.log");
        assertFalse(log.contains("PRIVATE KEY-----"), "a private key in sandbox.log");
    }

    @Test
    void oneCommandProvisionsAGatewayEndToEndAndASecondRunFindsItProvisioned() throws Exception {
        Run first = sandbox("end-to-end", true);

        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), first.output());
        assertTrue(first.output().contains("job 00E0C7A1B2C3 COMPLETED"), first.output());
        assertTrue(first.output().contains("00E0C7A1B2C3: PROVISIONED"), "the summary with the times: " + first.output());
        assertTrue(first.output().contains("password <set>, activation key <set>"), first.output());
        assertNoSecret(first);

        Run second = sandbox("end-to-end", false);

        assertEquals(0, second.exit(), second.output());
        assertTrue(second.output().contains("was PROVISIONED by an earlier run"), second.output());
        assertTrue(second.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), second.output());
        assertFalse(second.output().contains("CONNECTING"), "a provisioned gateway does not provision again");
        assertNoSecret(second);
    }

    @Test
    void aWrongActivationKeyIsRefusedWith403UntilTheAgentGivesUp() throws Exception {
        Run run = sandbox("wrong-activation-key", true, "--fail", "wrong-activation-key");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("PLATFORM_REJECTED (the platform answered 403"), run.output());
        assertTrue(run.output().contains("job 00E0C7A1B2C3 FAILED 403"), run.output());
        assertTrue(run.output().matches("(?s).*agent 00E0C7A1B2C3 +FAILED +attempt 3.*"), run.output());
        assertFalse(run.output().matches("(?s).*agent 00E0C7A1B2C3 +PROVISIONED.*"), run.output());
        assertTrue(run.output().contains("the gateway is as before"), run.output());
        assertNoSecret(run);
    }

    private static void deleteTree(Path root) throws IOException {
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
