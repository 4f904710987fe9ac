package dev.kprov.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every secret the suite uses (passwords, activation keys, keystore passwords) contains the marker
 * {@value #MARKER}. This reads every log line the suite wrote before it, the agent's and the platform's
 * included, and fails on a marker or a private key in any of them.
 */
class SecretsInLogsTest {

    static final String MARKER = "S3CR3T";
    private static final Path ROOT = Paths.get("..");

    private static List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 6)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(ROOT.resolve("audit")))
                    .filter(p -> p.toString().contains("/target/"))
                    .filter(p -> p.getFileName().toString().endsWith("-output.txt") && p.toString().contains("surefire-reports")
                            || p.getFileName().toString().endsWith(".log"))
                    .collect(Collectors.toList());
        }
    }

    @Test
    void noSecretInAnyLogLineOfTheSuite() throws IOException {
        List<Path> logs = logs();
        List<String> leaks = new ArrayList<>();
        long lines = 0;
        long agentLines = 0;
        for (Path log : logs) {
            List<String> content = read(log);
            lines += content.size();
            for (int i = 0; i < content.size(); i++) {
                String line = content.get(i);
                if (line.contains("dev.kprov.agent.ProvisioningService:")) {
                    agentLines++;
                }
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.contains(MARKER) || upper.contains("PRIVATE KEY-----")) {
                    leaks.add(ROOT.relativize(log) + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertTrue(logs.size() >= 5, "the suite's logs were not found: " + logs);
        for (Path log : logs) {
            if (log.getFileName().toString().endsWith("-framework.log")) {
                assertTrue(read(log).stream().anyMatch(line -> line.contains("dev.kprov.agent.ProvisioningService:")),
                        log + " has no line of the agent: its logging did not reach the file");
            }
        }
        assertTrue(agentLines >= 20, "too few agent log lines (" + agentLines + " of " + lines + ") to prove the logs "
                + "were captured");
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " log lines hold a secret or a private key:\n" + String.join("\n", leaks));
        }
    }

    private static List<String> read(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }
}
