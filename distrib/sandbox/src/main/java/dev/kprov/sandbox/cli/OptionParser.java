package dev.kprov.sandbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.kprov.sandbox.secret.Secret;

/** Turns the command line into {@link Options} ({@link Usage#TEXT}); wrong arguments are a {@link UsageException}. */
public final class OptionParser {

    /** Wrong arguments; the message names the option and what is wrong with it (never a secret's value). */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final int MAX_SECRET_FILE_BYTES = 4096;
    private static final Set<String> GATEWAY_ONLY = Set.of("--broker-url", "--account-name", "--client-id",
            "--username", "--password", "--password-file", "--activation-key", "--activation-key-file",
            "--ca-authentication", "--timeout", "--retry-interval", "--retry-max-attempts", "--trust", "--serial",
            "--state", "--crash-at");
    private static final Set<String> FULL_ONLY = Set.of("--gateways", "--fail");

    private OptionParser() {
    }

    /** @return empty when {@code --help} was asked for */
    public static Optional<Options> parse(List<String> arguments) throws UsageException {
        if (arguments.contains("--help") || arguments.contains("-h")) {
            return Optional.empty();
        }
        boolean gatewayOnly = arguments.contains("--gateway-only");
        Deque<String> args = new ArrayDeque<>(arguments);
        int gateways = 1;
        Optional<Path> data = Optional.empty();
        Optional<FailureMode> fail = Optional.empty();
        Duration wait = Options.DEFAULT_WAIT;
        GatewayOnlyBuilder agent = new GatewayOnlyBuilder();
        while (!args.isEmpty()) {
            String option = args.pop();
            if (gatewayOnly && FULL_ONLY.contains(option)) {
                throw new UsageException(option + " does not go with --gateway-only");
            }
            if (!gatewayOnly && GATEWAY_ONLY.contains(option)) {
                throw new UsageException(option + " is a setting of --gateway-only");
            }
            switch (option) {
                case "--gateway-only" -> {
                    // read above
                }
                case "--gateways" -> gateways = number(option, value(option, args), 1, Options.MAX_GATEWAYS);
                case "--data" -> data = Optional.of(path(option, value(option, args)));
                case "--fail" -> {
                    String value = value(option, args);
                    fail = Optional.of(FailureMode.parse(value).orElseThrow(() -> new UsageException(
                            "--fail " + value + ": unknown, choose " + FailureMode.choices())));
                }
                case "--wait" -> wait = Duration.ofSeconds(number(option, value(option, args), 1, 3600));
                case "--broker-url" -> agent.brokerUrl = value(option, args);
                case "--account-name" -> agent.accountName = Optional.of(value(option, args));
                case "--client-id" -> agent.clientId = Optional.of(value(option, args));
                case "--username" -> agent.username = Optional.of(value(option, args));
                case "--password" -> agent.password = Optional.of(secret(option, value(option, args)));
                case "--password-file" -> agent.password = Optional.of(secretFile(option, value(option, args)));
                case "--activation-key" -> agent.activationKey = Optional.of(secret(option, value(option, args)));
                case "--activation-key-file" ->
                    agent.activationKey = Optional.of(secretFile(option, value(option, args)));
                case "--ca-authentication" -> agent.caAuthentication = bool(option, value(option, args));
                case "--timeout" -> agent.timeout = integer(option, value(option, args));
                case "--retry-interval" -> agent.retryInterval = integer(option, value(option, args));
                case "--retry-max-attempts" -> agent.retryMaxAttempts = integer(option, value(option, args));
                case "--trust" -> agent.trust = Optional.of(readableFile(option, value(option, args)));
                case "--serial" -> agent.serial = value(option, args);
                case "--state" -> agent.stateDir = Optional.of(path(option, value(option, args)));
                case "--crash-at" -> {
                    String value = value(option, args);
                    agent.crashAt = Optional.of(CrashPoint.parse(value).orElseThrow(() -> new UsageException(
                            "--crash-at " + value + ": unknown, choose " + CrashPoint.choices())));
                }
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (!gatewayOnly) {
            return Optional.of(new Options(gateways, data, fail, wait, Optional.empty()));
        }
        if (agent.brokerUrl == null) {
            throw new UsageException("--gateway-only needs --broker-url");
        }
        return Optional.of(new Options(1, data, Optional.empty(), wait, Optional.of(agent.build())));
    }

    private static String value(String option, Deque<String> args) throws UsageException {
        if (args.isEmpty() || args.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.pop();
    }

    private static int integer(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + value + ": not a whole number");
        }
    }

    private static int number(String option, String value, int min, int max) throws UsageException {
        int number = integer(option, value);
        if (number < min || number > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + " (is " + number + ")");
        }
        return number;
    }

    private static boolean bool(String option, String value) throws UsageException {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new UsageException(option + " " + value + ": must be true or false");
    }

    private static Path path(String option, String value) throws UsageException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": not a valid path (" + e.getReason() + ")");
        }
    }

    private static Path readableFile(String option, String value) throws UsageException {
        Path file = path(option, value);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageException(option + " " + file + ": no such readable file");
        }
        return file;
    }

    private static Secret secret(String option, String value) throws UsageException {
        if (value.isEmpty()) {
            throw new UsageException(option + " is empty");
        }
        return Secret.of(value);
    }

    /** The first line of a small file, as the platform reads its password files. */
    private static Secret secretFile(String option, String value) throws UsageException {
        Path file = readableFile(option, value);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SECRET_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new UsageException(option + " " + file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_SECRET_FILE_BYTES) {
            throw new UsageException(option + " " + file + ": larger than " + MAX_SECRET_FILE_BYTES + " bytes");
        }
        String line = new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
        return secret(option + " " + file + " (first line)", line);
    }

    /** Collects the gateway-only settings while parsing. */
    private static final class GatewayOnlyBuilder {
        String brokerUrl;
        Optional<String> accountName = Optional.empty();
        Optional<String> clientId = Optional.empty();
        Optional<String> username = Optional.empty();
        Optional<Secret> password = Optional.empty();
        Optional<Secret> activationKey = Optional.empty();
        boolean caAuthentication = true;
        int timeout = GatewayOnlySettings.DEFAULT_TIMEOUT;
        int retryInterval = GatewayOnlySettings.DEFAULT_RETRY_INTERVAL;
        int retryMaxAttempts = GatewayOnlySettings.DEFAULT_RETRY_MAX_ATTEMPTS;
        Optional<Path> trust = Optional.empty();
        String serial = GatewayOnlySettings.DEFAULT_SERIAL;
        Optional<Path> stateDir = Optional.empty();
        Optional<CrashPoint> crashAt = Optional.empty();

        GatewayOnlySettings build() {
            return new GatewayOnlySettings(brokerUrl, accountName, clientId, username, password, activationKey,
                    caAuthentication, timeout, retryInterval, retryMaxAttempts, trust, serial, stateDir, crashAt);
        }
    }
}
