package dev.kprov.platform.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A provision request, as Everyware Cloud documents one: the device's client id and provision broker
 * credentials, an optional activation key, an optional activity window and attempt limit, the account
 * that will own the device, one configuration and up to nine applications. Immutable; built and checked
 * by {@link Builder#build()}. {@link #toString()} shows neither password nor activation key.
 */
public final class ProvisionRequestSpec {

    /** PROTOCOL.md section 7: at most nine applications. */
    public static final int MAX_APPLICATIONS = 9;
    /** Sent with a 429 when the request sets no {@code retry.after.seconds}. */
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 3600;
    static final int MAX_TEXT = 256;
    static final int MAX_PREPARE_SECONDS = 3600;
    static final int MAX_RETRY_AFTER_SECONDS = 86_400;
    /** What the signed package may take of the 16 MiB reply bound; the rest is for names and the CMS. */
    static final long MAX_CONTENT_BYTES = 16L * 1024 * 1024 - 64 * 1024;

    private final Builder b;
    private final List<ApplicationFile> applications;
    private final Optional<AccountCredentials> accountCredentials;

    private ProvisionRequestSpec(Builder b, List<ApplicationFile> applications,
            Optional<AccountCredentials> accountCredentials) {
        this.b = b;
        this.applications = List.copyOf(applications);
        this.accountCredentials = accountCredentials;
    }

    /** Starts a request for the device whose MQTT client id is {@code clientId}. */
    public static Builder builder(String clientId) {
        return new Builder(clientId);
    }

    public String clientId() {
        return b.clientId;
    }

    public String username() {
        return b.username;
    }

    /** Constant-time comparison with the password of a CONNECT. */
    public boolean passwordMatches(byte[] candidate) {
        return candidate != null && MessageDigest.isEqual(b.password.getBytes(StandardCharsets.UTF_8), candidate);
    }

    /**
     * The provision password, for a broker that must be told it (Mosquitto's dynamic security, which keeps
     * only a salted hash). A secret: never log it.
     */
    public char[] password() {
        return b.password.toCharArray();
    }

    /** The activation key the device must send, when the request has one (a secret: never log it). */
    public Optional<String> activationKey() {
        return Optional.ofNullable(b.activationKey);
    }

    public Optional<Instant> activatesOn() {
        return Optional.ofNullable(b.activatesOn);
    }

    public Optional<Instant> expiresOn() {
        return Optional.ofNullable(b.expiresOn);
    }

    /** How many provision requests the platform answers for this device before it answers 429. */
    public OptionalInt maxAttempts() {
        return b.maxAttempts == null ? OptionalInt.empty() : OptionalInt.of(b.maxAttempts);
    }

    public int retryAfterSeconds() {
        return b.retryAfterSeconds;
    }

    /** The account that owns the device once provisioned ({@code account.name} of the package). */
    public String accountName() {
        return b.accountName;
    }

    /** The configuration XML file; read again for every package, so edits take effect. */
    public Path configuration() {
        return b.configuration;
    }

    public List<ApplicationFile> applications() {
        return applications;
    }

    /** PEM bundle for the package's {@code ssl.ca.certificates}. */
    public Optional<String> sslCaCertificatesPem() {
        return Optional.ofNullable(b.sslCaPem);
    }

    /** When positive, the platform answers 202 at once and sends the package after this delay. */
    public Duration prepareDelay() {
        return Duration.ofSeconds(b.prepareSeconds);
    }

    /** The account broker credentials found in the configuration, if readable (not encrypted). */
    public Optional<AccountCredentials> accountCredentials() {
        return accountCredentials;
    }

    /** The requests-directory file this request came from; empty when added through the API. */
    public Optional<Path> source() {
        return Optional.ofNullable(b.source);
    }

    @Override
    public String toString() {
        return "ProvisionRequestSpec[client " + b.clientId + ", user " + b.username + ", account " + b.accountName
                + ", " + applications.size() + " application(s)" + (b.activationKey == null ? "" : ", activation key")
                + (b.source == null ? "" : ", from " + b.source) + "]";
    }

    /** Collects and checks the fields of a {@link ProvisionRequestSpec}. */
    public static final class Builder {

        private final String clientId;
        private String username;
        private String password;
        private String activationKey;
        private Instant activatesOn;
        private Instant expiresOn;
        private Integer maxAttempts;
        private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
        private String accountName;
        private Path configuration;
        private final List<Path> applicationFiles = new ArrayList<>();
        private Path sslCa;
        private String sslCaPem;
        private int prepareSeconds;
        private Path source;

        private Builder(String clientId) {
            this.clientId = clientId;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The key the device must send; {@code null} for none. */
        public Builder activationKey(String activationKey) {
            this.activationKey = activationKey;
            return this;
        }

        /** A new random key of 32 characters [A-Za-z0-9]; read it back with {@link #activationKey()}. */
        public Builder generateActivationKey() {
            this.activationKey = ActivationKeys.generate();
            return this;
        }

        public Builder activatesOn(Instant instant) {
            this.activatesOn = instant;
            return this;
        }

        public Builder expiresOn(Instant instant) {
            this.expiresOn = instant;
            return this;
        }

        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        public Builder retryAfterSeconds(int seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        public Builder accountName(String accountName) {
            this.accountName = accountName;
            return this;
        }

        public Builder configuration(Path file) {
            this.configuration = file;
            return this;
        }

        /** Adds a deployment package; its name and version come from its manifest. */
        public Builder addApplication(Path dpFile) {
            applicationFiles.add(dpFile);
            return this;
        }

        public Builder sslCaCertificates(Path pemFile) {
            this.sslCa = pemFile;
            return this;
        }

        public Builder prepareSeconds(int seconds) {
            this.prepareSeconds = seconds;
            return this;
        }

        Builder source(Path file) {
            this.source = file;
            return this;
        }

        /** The key currently set (generated or given). */
        public Optional<String> activationKey() {
            return Optional.ofNullable(activationKey);
        }

        /**
         * Checks every field and reads the configuration and the applications' manifests.
         *
         * @throws InvalidRequestException naming the field and the problem
         */
        public ProvisionRequestSpec build() throws InvalidRequestException {
            Fields.topicLevel("client.id", clientId);
            Fields.text("username", username);
            Fields.text("password", password);
            if (activationKey != null) {
                Fields.secret("activation.key", activationKey);
            }
            Fields.topicLevel("account.name", accountName);
            if (activatesOn != null && expiresOn != null && !expiresOn.isAfter(activatesOn)) {
                throw new InvalidRequestException("expires.on must be after activates.on");
            }
            if (maxAttempts != null && maxAttempts < 1) {
                throw new InvalidRequestException("max.attempts must be at least 1 (is " + maxAttempts + ")");
            }
            Fields.range("retry.after.seconds", retryAfterSeconds, 1, MAX_RETRY_AFTER_SECONDS);
            Fields.range("prepare.seconds", prepareSeconds, 0, MAX_PREPARE_SECONDS);
            if (configuration == null) {
                throw new InvalidRequestException("configuration is missing");
            }
            if (applicationFiles.size() > MAX_APPLICATIONS) {
                throw new InvalidRequestException(applicationFiles.size() + " applications, more than "
                        + MAX_APPLICATIONS);
            }
            byte[] xml = Fields.readBounded(configuration, ConfigurationXml.MAX_BYTES, "configuration");
            Optional<AccountCredentials> account = ConfigurationXml.check(xml, clientId, configuration.toString());
            long total = xml.length;
            List<ApplicationFile> applications = new ArrayList<>();
            for (Path file : applicationFiles) {
                applications.add(DeploymentPackages.read(file));
                total += DeploymentPackages.size(file);
            }
            if (total > MAX_CONTENT_BYTES) {
                throw new InvalidRequestException("configuration and applications together are " + total
                        + " bytes; a package must stay under the 16 MiB reply bound (" + MAX_CONTENT_BYTES + ")");
            }
            if (sslCa != null) {
                sslCaPem = Fields.certificates("ssl.ca.certificates", sslCa);
            }
            Builder copy = copy();
            return new ProvisionRequestSpec(copy, applications, account);
        }

        private Builder copy() {
            Builder copy = new Builder(clientId);
            copy.username = username;
            copy.password = password;
            copy.activationKey = activationKey;
            copy.activatesOn = activatesOn;
            copy.expiresOn = expiresOn;
            copy.maxAttempts = maxAttempts;
            copy.retryAfterSeconds = retryAfterSeconds;
            copy.accountName = accountName;
            copy.configuration = configuration;
            copy.applicationFiles.addAll(applicationFiles);
            copy.sslCa = sslCa;
            copy.sslCaPem = sslCaPem;
            copy.prepareSeconds = prepareSeconds;
            copy.source = source;
            return copy;
        }
    }
}
