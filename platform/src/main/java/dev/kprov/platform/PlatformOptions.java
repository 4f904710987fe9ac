package dev.kprov.platform;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.kprov.platform.pki.KeyAlgorithm;

/**
 * How to run a platform. Defaults: embedded broker with TLS on 127.0.0.1 and a port chosen at start, no
 * plain TCP, responder on, provision account {@code kura-provision}, keys generated in memory (EC P-256)
 * unless a state directory or production keys are given. {@link #toString()} shows no password.
 */
public final class PlatformOptions {

    /** The provision account of PROTOCOL.md section 3, unless told otherwise. */
    public static final String DEFAULT_ACCOUNT = "kura-provision";

    /** A broker the responder connects to instead of the embedded one. */
    public record ExternalBroker(String url, String username, char[] password, Optional<Path> caFile) {
        @Override
        public String toString() {
            return "ExternalBroker[" + url + ", user " + username + "]";
        }
    }

    /** A file of key material and its password. */
    public record KeyStoreFile(Path file, char[] password) {
        @Override
        public String toString() {
            return "KeyStoreFile[" + file + "]";
        }
    }

    /** A PEM private key (unencrypted) and a PEM chain, signer certificate first. */
    public record PemSigner(Path keyFile, Path chainFile) {
    }

    final Optional<Path> requestsDirectory;
    final Optional<Path> stateDirectory;
    final String account;
    final String bindAddress;
    final int tlsPort;
    final OptionalInt plainPort;
    final boolean embeddedBroker;
    final boolean responder;
    final Optional<ExternalBroker> externalBroker;
    final boolean dynamicSecurity;
    final Optional<Path> localMosquitto;
    final Optional<KeyStoreFile> signerPkcs12;
    final Optional<PemSigner> signerPem;
    final Optional<KeyStoreFile> brokerPkcs12;
    final KeyAlgorithm keyAlgorithm;
    final Duration rescanInterval;
    final Duration connectTimeout;
    final Clock clock;
    final List<PlatformListener> listeners;

    private PlatformOptions(Builder b) {
        this.requestsDirectory = Optional.ofNullable(b.requestsDirectory);
        this.stateDirectory = Optional.ofNullable(b.stateDirectory);
        this.account = b.account;
        this.bindAddress = b.bindAddress;
        this.tlsPort = b.tlsPort;
        this.plainPort = b.plainPort == null ? OptionalInt.empty() : OptionalInt.of(b.plainPort);
        this.embeddedBroker = b.embeddedBroker;
        this.responder = b.responder;
        this.externalBroker = Optional.ofNullable(b.externalBroker);
        this.dynamicSecurity = b.dynamicSecurity;
        this.localMosquitto = Optional.ofNullable(b.localMosquitto);
        this.signerPkcs12 = Optional.ofNullable(b.signerPkcs12);
        this.signerPem = Optional.ofNullable(b.signerPem);
        this.brokerPkcs12 = Optional.ofNullable(b.brokerPkcs12);
        this.keyAlgorithm = b.keyAlgorithm;
        this.rescanInterval = b.rescanInterval;
        this.connectTimeout = b.connectTimeout;
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Path> requestsDirectory() {
        return requestsDirectory;
    }

    public Optional<Path> stateDirectory() {
        return stateDirectory;
    }

    public String account() {
        return account;
    }

    @Override
    public String toString() {
        return "PlatformOptions[account " + account + ", " + (embeddedBroker ? "embedded broker on " + bindAddress
                + ":" + tlsPort + (plainPort.isPresent() ? " plain " + plainPort.getAsInt() : "")
                : localMosquitto.map(d -> "local Mosquitto in " + d).orElse("no broker"))
                + (dynamicSecurity ? ", admission by dynamic security" : "")
                + (responder ? ", responder" + externalBroker.map(e -> " to " + e.url()).orElse("") : ", no responder")
                + requestsDirectory.map(d -> ", requests " + d).orElse("")
                + stateDirectory.map(d -> ", state " + d).orElse("") + "]";
    }

    /** Collects options; {@link #build()} checks that they fit together. */
    public static final class Builder {

        private Path requestsDirectory;
        private Path stateDirectory;
        private String account = DEFAULT_ACCOUNT;
        private String bindAddress = "127.0.0.1";
        private int tlsPort;
        private Integer plainPort;
        private boolean embeddedBroker = true;
        private boolean responder = true;
        private ExternalBroker externalBroker;
        private boolean dynamicSecurity;
        private Path localMosquitto;
        private KeyStoreFile signerPkcs12;
        private PemSigner signerPem;
        private KeyStoreFile brokerPkcs12;
        private KeyAlgorithm keyAlgorithm = KeyAlgorithm.EC_P256;
        private Duration rescanInterval = Duration.ofMillis(500);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private final List<PlatformListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** A directory of {@code *.properties} request files, watched while running (created if missing). */
        public Builder requestsDirectory(Path directory) {
            this.requestsDirectory = directory;
            return this;
        }

        /** Keeps generated keys between runs and receives broker-ca.pem, signer-root.pem and endpoint. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** TLS port of the embedded broker; 0 (the default) chooses a free one. */
        public Builder tlsPort(int port) {
            this.tlsPort = port;
            return this;
        }

        /** Also listen on plain TCP (0 chooses a free port). Off unless called. */
        public Builder plainPort(int port) {
            this.plainPort = port;
            return this;
        }

        /** Broker only: admit devices, answer nothing. */
        public Builder noResponder() {
            this.responder = false;
            return this;
        }

        /** Responder only, connected to another broker; no embedded broker. */
        public Builder externalBroker(ExternalBroker broker) {
            this.externalBroker = broker;
            this.embeddedBroker = false;
            return this;
        }

        /**
         * Admits devices on the external broker, a Mosquitto 2, through its dynamic-security plugin
         * ({@code broker.DynamicSecurity}); the external broker's user must be a dynamic-security administrator.
         */
        public Builder dynamicSecurity() {
            this.dynamicSecurity = true;
            return this;
        }

        /**
         * No embedded broker: starts this machine's Mosquitto (TLS on 127.0.0.1, a port chosen at run time,
         * its files in {@code workDirectory}) with the broker key, and serves it with dynamic security.
         */
        public Builder localMosquitto(Path workDirectory) {
            this.localMosquitto = workDirectory;
            this.embeddedBroker = false;
            this.dynamicSecurity = true;
            return this;
        }

        public Builder signerPkcs12(Path file, char[] password) {
            this.signerPkcs12 = new KeyStoreFile(file, password.clone());
            return this;
        }

        public Builder signerPem(Path keyFile, Path chainFile) {
            this.signerPem = new PemSigner(keyFile, chainFile);
            return this;
        }

        /** The embedded broker's TLS key and chain; otherwise generated (or kept in the state directory). */
        public Builder brokerPkcs12(Path file, char[] password) {
            this.brokerPkcs12 = new KeyStoreFile(file, password.clone());
            return this;
        }

        public Builder keyAlgorithm(KeyAlgorithm algorithm) {
            this.keyAlgorithm = algorithm;
            return this;
        }

        /** How often the requests directory is read again and expiries are checked (default 500 ms). */
        public Builder rescanInterval(Duration interval) {
            this.rescanInterval = interval;
            return this;
        }

        /** How long the responder waits for its broker at start (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** A listener that also hears what happens during start (the first read of the requests directory). */
        public Builder listener(PlatformListener listener) {
            this.listeners.add(listener);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws PlatformException naming the option that does not fit */
        public PlatformOptions build() throws PlatformException {
            if (account == null || account.isEmpty() || account.contains("/") || account.contains("+")
                    || account.contains("#")) {
                throw new PlatformException("account '" + account + "' must be one topic level: not empty, no '/', "
                        + "'+' or '#'");
            }
            if (tlsPort < 0 || tlsPort > 65535 || (plainPort != null && (plainPort < 0 || plainPort > 65535))) {
                throw new PlatformException("ports must be between 0 and 65535");
            }
            if (!embeddedBroker && !responder) {
                throw new PlatformException("neither broker nor responder: nothing to run");
            }
            if (localMosquitto != null && (externalBroker != null || !responder || tlsPort != 0 || plainPort != null)) {
                throw new PlatformException("a local Mosquitto goes without --broker, --no-responder, --port and "
                        + "--plain-port: it listens on 127.0.0.1 at a port chosen at run time");
            }
            if (dynamicSecurity && externalBroker == null && localMosquitto == null) {
                throw new PlatformException("admission by dynamic security needs an external Mosquitto (--responder-only)"
                        + " or a local one");
            }
            if (!embeddedBroker && (plainPort != null || (brokerPkcs12 != null && localMosquitto == null))) {
                throw new PlatformException("broker options (plain port, broker key store) need the embedded broker");
            }
            if (signerPkcs12 != null && signerPem != null) {
                throw new PlatformException("give the signer as PKCS#12 or as PEM, not both");
            }
            if (rescanInterval.isNegative() || rescanInterval.isZero() || connectTimeout.isNegative()
                    || connectTimeout.isZero()) {
                throw new PlatformException("rescan interval and connect timeout must be positive");
            }
            return new PlatformOptions(this);
        }
    }
}
