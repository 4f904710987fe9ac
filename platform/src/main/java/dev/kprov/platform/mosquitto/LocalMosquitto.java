package dev.kprov.platform.mosquitto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.pki.BrokerFiles;
import dev.kprov.platform.pki.BrokerIdentity;

/**
 * A Mosquitto broker of this machine, started as a child process for one run: TLS only, on 127.0.0.1 and
 * a port chosen at run time, with the given broker identity, no anonymous clients, and admission by the
 * dynamic-security plugin, whose only client at start is an administrator with a random password
 * ({@code mosquitto_ctrl dynsec init}). It also publishes its log on {@code $SYS/broker/log/#}
 * ({@code log_dest topic}), which is how the platform sees devices connect. Everything it writes stays in
 * the work folder: {@code mosquitto.conf}, {@code dynamic-security.json}, the TLS key and chain,
 * {@code admin-password} (owner-only) and {@code mosquitto.log}. {@link #close()} stops it.
 */
public final class LocalMosquitto implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMosquitto.class);

    /** The dynamic-security administrator that {@code dynsec init} creates. */
    public static final String ADMIN_USERNAME = "kprov-admin";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int START_ATTEMPTS = 2;
    private static final int KEPT_LINES = 20;

    private final Process process;
    private final Thread reader;
    private final int port;
    private final char[] adminPassword;
    private final Path adminPasswordFile;
    private final Path log;

    private LocalMosquitto(Process process, Thread reader, int port, char[] adminPassword, Path adminPasswordFile,
            Path log) {
        this.process = process;
        this.reader = reader;
        this.port = port;
        this.adminPassword = adminPassword;
        this.adminPasswordFile = adminPasswordFile;
        this.log = log;
    }

    /**
     * Starts Mosquitto and returns once it listens (its own "running" log line).
     *
     * @throws IOException when Mosquitto is not installed (the message says how to install it), or does not
     *         start within {@code timeout} (the message quotes its last log lines)
     */
    public static LocalMosquitto start(Path work, BrokerIdentity identity, Duration timeout) throws IOException {
        MosquittoInstall install = MosquittoInstall.find();
        Files.createDirectories(work);
        Path work0 = work.toAbsolutePath();
        Path key = work0.resolve("broker-key.pem");
        Path chain = work0.resolve("broker-chain.pem");
        BrokerFiles.write(identity, key, chain);
        char[] password = randomPassword();
        Path passwordFile = work0.resolve("admin-password");
        writeSecret(passwordFile, new String(password) + "\n");
        Path dynsec = work0.resolve("dynamic-security.json");
        initDynamicSecurity(install, dynsec, password, timeout);
        Path log = work0.resolve("mosquitto.log");
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path conf = work0.resolve("mosquitto.conf");
            Files.writeString(conf, configuration(port, key, chain, install.plugin(), dynsec));
            Process process = new ProcessBuilder(install.broker().toString(), "-c", conf.toString())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            Watch watch = new Watch(process, log);
            watch.start();
            try {
                if (watch.running.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.info("mosquitto listening on 127.0.0.1 TLS port {} (work folder {})", port, work0);
                    return new LocalMosquitto(process, watch, port, password, passwordFile, log);
                }
                last = new IOException("mosquitto did not start on port " + port + "; its last lines:\n"
                        + watch.lastLines());
                if (!watch.lastLines().contains("Address already in use")) {
                    break;
                }
            } catch (TimeoutException e) {
                last = new IOException("mosquitto did not say it was running within " + timeout + "; its last lines:\n"
                        + watch.lastLines(), e);
                stop(process, watch);
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop(process, watch);
                throw new IOException("interrupted while starting mosquitto", e);
            } catch (ExecutionException e) {
                stop(process, watch);
                throw new IOException("cannot watch mosquitto: " + e.getCause(), e.getCause());
            }
            stop(process, watch);
        }
        throw last;
    }

    private static String configuration(int port, Path key, Path chain, Path plugin, Path dynsec) {
        return String.join("\n",
                "# Written by kprov's LocalMosquitto for one run.",
                "per_listener_settings false",
                "allow_anonymous false",
                // As root Mosquitto would switch to the user 'mosquitto', who cannot write this folder.
                "user " + System.getProperty("user.name"),
                "persistence false",
                "listener " + port + " 127.0.0.1",
                "certfile " + chain,
                "keyfile " + key,
                "plugin " + plugin,
                "plugin_opt_config_file " + dynsec,
                "log_dest stderr",
                // The platform learns of account-broker CONNECTs from $SYS/broker/log/N.
                "log_dest topic",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "");
    }

    /** {@code mosquitto_ctrl dynsec init FILE USER PASSWORD}: the password is given, so it never prompts. */
    private static void initDynamicSecurity(MosquittoInstall install, Path file, char[] password, Duration timeout)
            throws IOException {
        Files.deleteIfExists(file);
        Process init = new ProcessBuilder(install.ctrl().toString(), "dynsec", "init", file.toString(), ADMIN_USERNAME,
                new String(password)).redirectErrorStream(true).start();
        init.getOutputStream().close();
        String output;
        try {
            // Small and bounded: a few lines of advice.
            output = new String(init.getInputStream().readNBytes(16 * 1024), StandardCharsets.UTF_8);
            if (!init.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                init.destroyForcibly();
                throw new IOException("mosquitto_ctrl dynsec init did not end within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            init.destroyForcibly();
            throw new IOException("interrupted during mosquitto_ctrl dynsec init", e);
        }
        if (init.exitValue() != 0 || !Files.isRegularFile(file)) {
            throw new IOException("mosquitto_ctrl dynsec init failed (exit " + init.exitValue() + "): "
                    + output.replace(new String(password), "*****").strip());
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    private static void writeSecret(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text);
    }

    /** A port free on the loopback address right now; Mosquitto binds it a moment later (retried once if taken). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return "mqtts://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String adminUsername() {
        return ADMIN_USERNAME;
    }

    /** The administrator's password (a copy); also in {@link #adminPasswordFile()}. */
    public char[] adminPassword() {
        return adminPassword.clone();
    }

    public Path adminPasswordFile() {
        return adminPasswordFile;
    }

    /** Mosquitto's own log for this run. */
    public Path log() {
        return log;
    }

    /** SIGTERM, then a forced stop if it has not ended within 10 s. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop(process, reader);
            LOG.info("mosquitto on port {} stopped", port);
        }
    }

    private static void stop(Process process, Thread reader) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalMosquitto[" + url() + "]";
    }

    /** Copies Mosquitto's output to its log file and tells when it runs, or ended without running. */
    private static final class Watch extends Thread {

        final CompletableFuture<Boolean> running = new CompletableFuture<>();
        private final Process process;
        private final Path log;
        private final Deque<String> last = new ArrayDeque<>();

        Watch(Process process, Path log) {
            super("mosquitto-output");
            setDaemon(true);
            this.process = process;
            this.log = log;
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    remember(line);
                    if (line.matches(".*mosquitto version \\S+ running.*")) {
                        running.complete(true);
                    }
                }
            } catch (IOException e) {
                remember("(output unreadable: " + e + ")");
            }
            running.complete(false);
        }

        private synchronized void remember(String line) {
            last.addLast(line);
            if (last.size() > KEPT_LINES) {
                last.removeFirst();
            }
        }

        synchronized String lastLines() {
            return String.join("\n", last);
        }
    }
}
