package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;

/**
 * The reference platform (broker, responder, job status) as a child process, as an operator runs it:
 * {@code java -cp <platform classpath> dev.kprov.platform.Main}. Its output goes to a log file under the
 * run's target folder (read by the secrets audit) and is watched for the lines a test waits on.
 */
final class PlatformProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern BROKER = Pattern.compile("^broker (mqtts://\\S+)");
    private static final Pattern PLAIN_BROKER = Pattern.compile("^broker mqtt://\\S+:(\\d+)$");

    private final Process process;
    private final Path state;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private volatile String brokerUrl;

    private PlatformProcess(Process process, Path state, Path log) throws IOException {
        this.process = process;
        this.state = state;
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)); Writer w = out) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.write(line + "\n");
                    w.flush();
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "platform-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the platform on {@code requests} and {@code state}; extra arguments as its command line takes them. */
    static PlatformProcess start(BundleContext context, Path requests, Path state, String... extra) throws Exception {
        Path classpathFile = Paths.get(context.getProperty("kprov.platform.classpath.file"));
        String classpath = new String(Files.readAllBytes(classpathFile), StandardCharsets.UTF_8).trim();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath);
        command.add("dev.kprov.platform.Main");
        Collections.addAll(command, "--requests", requests.toString(), "--state", state.toString(), "--bind",
                "127.0.0.1");
        Collections.addAll(command, extra);
        Files.createDirectories(requests);
        Files.createDirectories(state);
        Path log = state.resolveSibling(state.getFileName() + "-platform.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        PlatformProcess platform = new PlatformProcess(process, state, log);
        String url = platform.await(line -> BROKER.matcher(line).find(), START_TIMEOUT);
        Matcher m = BROKER.matcher(url);
        m.find();
        platform.brokerUrl = m.group(1);
        platform.await(line -> line.equals("ready"), START_TIMEOUT);
        return platform;
    }

    String brokerUrl() {
        return brokerUrl;
    }

    int brokerPort() {
        return Integer.parseInt(brokerUrl.substring(brokerUrl.lastIndexOf(':') + 1));
    }

    /** The port of the broker's plain TCP listener: the platform must have been started with {@code --plain-port}. */
    int plainBrokerPort() throws InterruptedException {
        Matcher m = PLAIN_BROKER.matcher(await(line -> PLAIN_BROKER.matcher(line).find(), START_TIMEOUT));
        m.find();
        return Integer.parseInt(m.group(1));
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no socket is closed cleanly, nothing is printed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** What a gateway must trust for the broker's TLS. */
    Path brokerCa() {
        return state.resolve("broker-ca.pem");
    }

    /** What a gateway must trust to accept the platform's packages with ca-authentication. */
    Path signerRoot() {
        return state.resolve("signer-root.pem");
    }

    /** Waits for the job line of a client in the given status ({@code job <client-id> <STATUS> ...}). */
    String awaitJob(String clientId, String status) throws InterruptedException {
        return await(line -> line.startsWith("job " + clientId + " " + status), StatusRecorder.TIMEOUT);
    }

    /** Waits for the {@code occurrence}-th job line of a client in the given status. */
    String awaitJob(String clientId, String status, int occurrence) throws InterruptedException {
        return await(line -> line.startsWith("job " + clientId + " " + status), StatusRecorder.TIMEOUT, occurrence);
    }

    /** Waits for a line of the platform's output (from its start) that matches. */
    String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return await(wanted, timeout, 1);
    }

    private String await(Predicate<String> wanted, Duration timeout, int occurrence) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        int found = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen)) && ++found == occurrence) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    return fail("platform output has no such line within " + timeout + "; it printed:\n"
                            + String.join("\n", lines));
                }
                lines.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
