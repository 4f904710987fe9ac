package dev.kprov.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import dev.kprov.platform.pki.KeyAlgorithm;

/** Turns command-line arguments into {@link PlatformOptions}; see {@link #USAGE}. */
final class CommandLine {

    static final String USAGE = String.join("\n",
            "usage: java -cp $(cat platform/target/platform.classpath) dev.kprov.platform.Main [options]",
            "",
            "  --requests DIR               provision request files (*.properties), watched while running",
            "  --state DIR                  keep generated keys; write broker-ca.pem, signer-root.pem, endpoint",
            "  --account NAME               provision account (default kura-provision)",
            "  --bind ADDRESS               embedded broker address (default 127.0.0.1)",
            "  --port N                     embedded broker TLS port (default 0: choose a free one)",
            "  --plain-port N               also listen on plain TCP (0: choose a free one)",
            "  --broker-p12 FILE            broker TLS key and chain (PKCS#12) instead of generated ones",
            "  --broker-p12-password-file F its password, first line of F",
            "  --no-responder               broker only: admit devices, answer nothing",
            "  --responder-only             no embedded broker: serve another broker, given by",
            "    --broker URL               mqtts://host:port (or ssl://, mqtt://, tcp://)",
            "    --broker-username U",
            "    --broker-password-file F   first line of F",
            "    --broker-ca FILE           PEM CA certificates to trust (default: the JVM's)",
            "    --admission dynsec         admit devices on that broker, a Mosquitto 2, through its dynamic-security",
            "                               plugin (--broker-username must be a dynsec administrator)",
            "  --local-mosquitto DIR        start this machine's Mosquitto (TLS on 127.0.0.1, a free port, its files",
            "                               in DIR, the broker key) and serve it with dynamic-security admission",
            "  --signer-p12 FILE            package signer key and chain (PKCS#12)",
            "  --signer-password-file F     its password, first line of F",
            "  --signer-key FILE --signer-chain FILE",
            "                               package signer as PEM (unencrypted key; chain signer first)",
            "  --key-algorithm ALG          generated keys: ec-p256 (default) or rsa-2048",
            "  --help                       this text",
            "",
            "Prints 'broker URL', then 'ready', then one line per change: 'job <client-id> <STATUS> <detail>',",
            "'rejected <file>: <problem>', 'removed <client-id>'. Stops cleanly on SIGTERM.");

    /** Wrong arguments; the message says which. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    /** @return empty when {@code --help} was asked for */
    static Optional<PlatformOptions.Builder> parse(List<String> arguments) throws UsageException {
        PlatformOptions.Builder builder = PlatformOptions.builder();
        Deque<String> args = new ArrayDeque<>(arguments);
        boolean noResponder = false;
        boolean responderOnly = false;
        String brokerUrl = null;
        String brokerUser = null;
        Path brokerPasswordFile = null;
        Path brokerCa = null;
        String admission = null;
        Path localMosquitto = null;
        Path signerP12 = null;
        Path signerPasswordFile = null;
        Path signerKey = null;
        Path signerChain = null;
        Path brokerP12 = null;
        Path brokerP12PasswordFile = null;
        while (!args.isEmpty()) {
            String option = args.pop();
            switch (option) {
                case "--help", "-h" -> {
                    return Optional.empty();
                }
                case "--requests" -> builder.requestsDirectory(Path.of(value(option, args)));
                case "--state" -> builder.stateDirectory(Path.of(value(option, args)));
                case "--account" -> builder.account(value(option, args));
                case "--bind" -> builder.bindAddress(value(option, args));
                case "--port" -> builder.tlsPort(port(option, args));
                case "--plain-port" -> builder.plainPort(port(option, args));
                case "--no-responder" -> noResponder = true;
                case "--responder-only" -> responderOnly = true;
                case "--broker" -> brokerUrl = value(option, args);
                case "--broker-username" -> brokerUser = value(option, args);
                case "--broker-password-file" -> brokerPasswordFile = Path.of(value(option, args));
                case "--broker-ca" -> brokerCa = Path.of(value(option, args));
                case "--admission" -> admission = value(option, args);
                case "--local-mosquitto" -> localMosquitto = Path.of(value(option, args));
                case "--signer-p12" -> signerP12 = Path.of(value(option, args));
                case "--signer-password-file" -> signerPasswordFile = Path.of(value(option, args));
                case "--signer-key" -> signerKey = Path.of(value(option, args));
                case "--signer-chain" -> signerChain = Path.of(value(option, args));
                case "--broker-p12" -> brokerP12 = Path.of(value(option, args));
                case "--broker-p12-password-file" -> brokerP12PasswordFile = Path.of(value(option, args));
                case "--key-algorithm" -> {
                    try {
                        builder.keyAlgorithm(KeyAlgorithm.parse(value(option, args)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (noResponder && responderOnly) {
            throw new UsageException("--no-responder and --responder-only exclude each other");
        }
        if (noResponder) {
            builder.noResponder();
        }
        if (admission != null && !admission.equals("dynsec")) {
            throw new UsageException("--admission '" + admission + "': the only admission on another broker is dynsec");
        }
        if (admission != null && !responderOnly) {
            throw new UsageException("--admission dynsec goes with --responder-only");
        }
        if (localMosquitto != null) {
            if (responderOnly || noResponder) {
                throw new UsageException("--local-mosquitto excludes --responder-only and --no-responder");
            }
            builder.localMosquitto(localMosquitto);
        }
        if (responderOnly) {
            if (brokerUrl == null || brokerUser == null || brokerPasswordFile == null) {
                throw new UsageException("--responder-only needs --broker, --broker-username and --broker-password-file");
            }
            builder.externalBroker(new PlatformOptions.ExternalBroker(brokerUrl, brokerUser,
                    secret(brokerPasswordFile), Optional.ofNullable(brokerCa)));
            if (admission != null) {
                builder.dynamicSecurity();
            }
        } else if (brokerUrl != null || brokerUser != null || brokerPasswordFile != null || brokerCa != null) {
            throw new UsageException("--broker, --broker-username, --broker-password-file and --broker-ca go with "
                    + "--responder-only");
        }
        if ((signerP12 == null) != (signerPasswordFile == null)) {
            throw new UsageException("--signer-p12 and --signer-password-file go together");
        }
        if (signerP12 != null) {
            builder.signerPkcs12(signerP12, secret(signerPasswordFile));
        }
        if ((signerKey == null) != (signerChain == null)) {
            throw new UsageException("--signer-key and --signer-chain go together");
        }
        if (signerKey != null) {
            builder.signerPem(signerKey, signerChain);
        }
        if ((brokerP12 == null) != (brokerP12PasswordFile == null)) {
            throw new UsageException("--broker-p12 and --broker-p12-password-file go together");
        }
        if (brokerP12 != null) {
            builder.brokerPkcs12(brokerP12, secret(brokerP12PasswordFile));
        }
        return Optional.of(builder);
    }

    private static String value(String option, Deque<String> args) throws UsageException {
        if (args.isEmpty() || args.peek().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.pop();
    }

    private static int port(String option, Deque<String> args) throws UsageException {
        String text = value(option, args);
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "' is not a port number (0 to 65535)");
        }
    }

    /** The first line of a small file, for passwords given as files (never on the command line). */
    private static char[] secret(Path file) throws UsageException {
        try {
            if (Files.size(file) > 4096) {
                throw new UsageException(file + ": larger than a password file should be (4096 bytes)");
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim().toCharArray();
        } catch (java.io.IOException e) {
            throw new UsageException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
