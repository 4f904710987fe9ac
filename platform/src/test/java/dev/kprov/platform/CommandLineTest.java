package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a child process, started from target/platform.classpath as other modules do. */
class CommandLineTest {

    @TempDir
    Path directory;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void startsPrintsReadyAndJobLinesAndStopsOnSigterm() throws Exception {
        Path requests = Files.createDirectories(directory.resolve("requests"));
        Path state = directory.resolve("state");
        BlockingQueue<String> lines = start("--requests", requests.toString(), "--state", state.toString(),
                "--account", "kura-provision", "--port", "0");
        String broker = next(lines);
        assertTrue(broker.matches("broker mqtts://127\\.0\\.0\\.1:\\d+"), broker);
        assertEquals("ready", next(lines));
        assertEquals(broker.substring("broker ".length()), Files.readString(state.resolve("endpoint")).trim());

        Fixtures.writeConfiguration(requests, "cli1", "acme");
        Files.writeString(requests.resolve("cli1.properties"), String.join("\n", "client.id=cli1",
                "username=cli1-user", "password=pw", "account.name=acme", "configuration=cli1-configuration.xml", ""));
        String created = next(lines);
        assertTrue(created.startsWith("job cli1 CREATED "), created);

        // SIGTERM through the handle: Process.destroy() would also close the pipes we read.
        assertTrue(process.toHandle().destroy());
        assertEquals("stopped", next(lines));
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the process ends after SIGTERM");
    }

    @Test
    void helpPrintsTheUsageAndWrongArgumentsExitWith2() throws Exception {
        BlockingQueue<String> lines = start("--help");
        assertTrue(next(lines).startsWith("usage: "));
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());

        start("--port", "seventy");
        assertTrue(process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        String errors = Files.readString(directory.resolve("stderr.txt"));
        assertTrue(errors.contains("--port 'seventy' is not a port number"), errors);
    }

    private BlockingQueue<String> start(String... arguments) throws IOException {
        Path classpathFile = Path.of(System.getProperty("kprov.platform.classpath.file", "target/platform.classpath"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", Files.readString(classpathFile).trim(), "dev.kprov.platform.Main"));
        command.addAll(List.of(arguments));
        process = new ProcessBuilder(command).redirectError(directory.resolve("stderr.txt").toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(stdout failed: " + e + ")");
            }
        }, "cli-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private String next(BlockingQueue<String> lines) throws Exception {
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line within 30 s; stderr:\n" + Files.readString(directory.resolve("stderr.txt")));
        }
        return line;
    }
}
