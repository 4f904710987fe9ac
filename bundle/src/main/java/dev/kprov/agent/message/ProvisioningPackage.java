package dev.kprov.agent.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed content of a {@code 200} reply (PROTOCOL.md section 6.1): what the gateway applies. Reading
 * one checks every rule of 6.1 and the bounds of section 7, each application's SHA-256 included; that it
 * belongs to the request in flight is {@link #checkBoundTo}'s job (section 8, step 4).
 */
public final class ProvisioningPackage {

    public static final String REQUEST_ID = "request.id";
    public static final String CLIENT_ID = "client.id";
    public static final String ISSUED_AT = "issued.at";
    public static final String ACCOUNT_NAME = "account.name";
    public static final String CONFIGURATION = "configuration";
    public static final String SSL_CA_CERTIFICATES = "ssl.ca.certificates";
    public static final String APPLICATION_COUNT = "application.count";

    private static final String APPLICATION_PREFIX = "application.";
    private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

    private final String requestId;
    private final String clientId;
    private final long issuedAt;
    private final String accountName;
    private final byte[] configuration;
    private final String sslCaCertificates;
    private final List<Application> applications;

    private ProvisioningPackage(Builder builder) {
        this.requestId = builder.requestId;
        this.clientId = builder.clientId;
        this.issuedAt = builder.issuedAt;
        this.accountName = builder.accountName;
        this.configuration = builder.configuration;
        this.sslCaCertificates = builder.sslCaCertificates;
        this.applications = Collections.unmodifiableList(new ArrayList<>(builder.applications));
    }

    /**
     * Builds a package for the platform side; {@code issuedAt} and {@code configuration} must be set.
     *
     * @throws IllegalArgumentException for a malformed request id, client id or account name
     */
    public static Builder builder(String requestId, String clientId, String accountName) {
        return new Builder(requestId, clientId, accountName);
    }

    /**
     * Reads the signed content, already decoded with {@link PayloadCodec#decodePlain}.
     *
     * @throws MessageException naming the first rule of section 6.1 or bound of section 7 that fails
     */
    public static ProvisioningPackage fromPayload(Payload payload) throws MessageException {
        String requestId = payload.requiredString(REQUEST_ID);
        if (!ProvisionRequest.isValidRequestId(requestId)) {
            throw new MessageException(REQUEST_ID + " of the package is not 32 lower-case hex digits");
        }
        String clientId = payload.requiredString(CLIENT_ID);
        long issuedAt = payload.requiredLong(ISSUED_AT);
        String accountName = payload.requiredString(ACCOUNT_NAME);
        Optional<String> accountProblem = Text.topicLevelProblem(accountName);
        if (accountProblem.isPresent()) {
            throw new MessageException(ACCOUNT_NAME + " " + accountProblem.get());
        }
        int configurationSize = payload.bytesLength(CONFIGURATION);
        if (configurationSize > Limits.MAX_CONFIGURATION_BYTES) {
            throw new MessageException(CONFIGURATION + " is " + configurationSize + " bytes, more than the "
                    + Limits.MAX_CONFIGURATION_BYTES + " allowed (PROTOCOL.md section 7)");
        }
        Builder builder = new Builder(requestId, clientId, accountName, MessageException::new);
        builder.issuedAt = issuedAt;
        builder.configuration = payload.requiredBytes(CONFIGURATION);
        Optional<String> certificates = payload.optionalString(SSL_CA_CERTIFICATES);
        if (certificates.isPresent()) {
            builder.sslCaCertificates = checkCertificates(certificates.get(), MessageException::new);
        }
        int count = payload.requiredInt(APPLICATION_COUNT);
        if (count < 0 || count > Limits.MAX_APPLICATIONS) {
            throw new MessageException(APPLICATION_COUNT + " " + count + " is outside 0.." + Limits.MAX_APPLICATIONS);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            builder.applications.add(readApplication(payload, i, expected));
        }
        for (String name : payload.metricNames()) {
            if (name.startsWith(APPLICATION_PREFIX) && !name.equals(APPLICATION_COUNT) && !expected.contains(name)) {
                throw new MessageException("unexpected metric " + Text.quote(name) + " with " + APPLICATION_COUNT
                        + " " + count);
            }
        }
        return new ProvisioningPackage(builder);
    }

    private static Application readApplication(Payload payload, int i, Set<String> expected)
            throws MessageException {
        String prefix = APPLICATION_PREFIX + i + ".";
        String nameMetric = prefix + "name";
        String versionMetric = prefix + "version";
        String shaMetric = prefix + "sha256";
        String contentMetric = prefix + "content";
        Collections.addAll(expected, nameMetric, versionMetric, shaMetric, contentMetric);
        String name = payload.requiredString(nameMetric);
        String version = payload.requiredString(versionMetric);
        if (name.isEmpty() || version.isEmpty()) {
            throw new MessageException((name.isEmpty() ? nameMetric : versionMetric) + " is empty");
        }
        String sha256 = payload.requiredString(shaMetric);
        if (!Text.isLowerHex(sha256, 64)) {
            throw new MessageException(shaMetric + " is not 64 lower-case hex digits");
        }
        int size = payload.bytesLength(contentMetric);
        if (size > Limits.MAX_APPLICATION_BYTES) {
            throw new MessageException(contentMetric + " is " + size + " bytes, more than the "
                    + Limits.MAX_APPLICATION_BYTES + " allowed (PROTOCOL.md section 7)");
        }
        byte[] content = payload.requiredBytes(contentMetric);
        if (!Application.sha256(content).equals(sha256)) {
            throw new MessageException(shaMetric + " does not match the SHA-256 of " + contentMetric);
        }
        return Application.verified(name, version, sha256, content);
    }

    private static <E extends Exception> String checkCertificates(String pem, Problem<E> problem) throws E {
        if (pem.length() > Limits.MAX_SSL_CA_CERTIFICATES_CHARS) {
            throw problem.of(SSL_CA_CERTIFICATES + " is " + pem.length() + " characters, more than the "
                    + Limits.MAX_SSL_CA_CERTIFICATES_CHARS + " allowed");
        }
        int count = 0;
        for (int at = pem.indexOf(PEM_CERTIFICATE); at >= 0; at = pem.indexOf(PEM_CERTIFICATE, at + 1)) {
            count++;
        }
        if (count > Limits.MAX_CERTIFICATES) {
            throw problem.of(SSL_CA_CERTIFICATES + " holds " + count + " certificates, more than the "
                    + Limits.MAX_CERTIFICATES + " allowed (PROTOCOL.md section 7)");
        }
        return pem;
    }

    /**
     * Section 8, step 4: the package must name the request in flight and this gateway's client id, so that a
     * package for an earlier attempt or another gateway is never applied.
     */
    public void checkBoundTo(String expectedRequestId, String expectedClientId) throws MessageException {
        if (!requestId.equals(expectedRequestId)) {
            throw new MessageException("the signed package is for request " + requestId + ", not for the request "
                    + "in flight " + expectedRequestId);
        }
        if (!clientId.equals(expectedClientId)) {
            throw new MessageException("the signed package is for client id " + Text.quote(clientId)
                    + ", not for this gateway's " + Text.quote(expectedClientId));
        }
    }

    public String requestId() {
        return requestId;
    }

    public String clientId() {
        return clientId;
    }

    /** Epoch milliseconds; informational (section 6.1). */
    public long issuedAt() {
        return issuedAt;
    }

    public String accountName() {
        return accountName;
    }

    /** A copy of the configuration snapshot XML (UTF-8, section 6.2), not yet parsed. */
    public byte[] configuration() {
        return configuration.clone();
    }

    /** The PEM bundle of CA certificates for the account broker's TLS, when the package has one. */
    public Optional<String> sslCaCertificates() {
        return Optional.ofNullable(sslCaCertificates);
    }

    /** The applications in installation order; each one's content matches its SHA-256. */
    public List<Application> applications() {
        return applications;
    }

    /** The signed content as the platform encodes it, before signing. */
    public Payload toPayload() {
        Payload.Builder payload = Payload.builder()
                .addString(REQUEST_ID, requestId)
                .addString(CLIENT_ID, clientId)
                .addLong(ISSUED_AT, issuedAt)
                .addString(ACCOUNT_NAME, accountName)
                .addBytes(CONFIGURATION, configuration);
        if (sslCaCertificates != null) {
            payload.addString(SSL_CA_CERTIFICATES, sslCaCertificates);
        }
        payload.addInt(APPLICATION_COUNT, applications.size());
        for (int i = 0; i < applications.size(); i++) {
            Application application = applications.get(i);
            String prefix = APPLICATION_PREFIX + i + ".";
            payload.addString(prefix + "name", application.name())
                    .addString(prefix + "version", application.version())
                    .addString(prefix + "sha256", application.sha256())
                    .addBytes(prefix + "content", application.content());
        }
        return payload.build();
    }

    @Override
    public String toString() {
        return "ProvisioningPackage[request.id=" + requestId + ", client.id=" + clientId + ", account.name="
                + accountName + ", configuration " + configuration.length + " bytes, "
                + (sslCaCertificates == null ? "no" : "with") + " ssl.ca.certificates, applications "
                + applications + "]";
    }

    /** Turns a problem into the exception of the side that found it. */
    private interface Problem<E extends Exception> {
        E of(String message);
    }

    /** Builds a {@link ProvisioningPackage} on the platform side. */
    public static final class Builder {

        private final String requestId;
        private final String clientId;
        private final String accountName;
        private Long issuedAt;
        private byte[] configuration;
        private String sslCaCertificates;
        private final List<Application> applications = new ArrayList<>();

        private Builder(String requestId, String clientId, String accountName) {
            this(requestId, clientId, accountName, IllegalArgumentException::new);
        }

        private <E extends Exception> Builder(String requestId, String clientId, String accountName,
                Problem<E> problem) throws E {
            if (!ProvisionRequest.isValidRequestId(Objects.requireNonNull(requestId, "requestId"))) {
                throw problem.of("request id is not 32 lower-case hex digits");
            }
            Optional<String> clientProblem = Text.topicLevelProblem(Objects.requireNonNull(clientId, "clientId"));
            if (clientProblem.isPresent()) {
                throw problem.of(CLIENT_ID + " " + clientProblem.get());
            }
            Optional<String> accountProblem = Text.topicLevelProblem(Objects.requireNonNull(accountName, "account"));
            if (accountProblem.isPresent()) {
                throw problem.of(ACCOUNT_NAME + " " + accountProblem.get());
            }
            this.requestId = requestId;
            this.clientId = clientId;
            this.accountName = accountName;
        }

        public Builder issuedAt(long epochMillis) {
            this.issuedAt = epochMillis;
            return this;
        }

        /** A copy of the configuration XML, at most {@link Limits#MAX_CONFIGURATION_BYTES}. */
        public Builder configuration(byte[] xml) {
            if (xml.length > Limits.MAX_CONFIGURATION_BYTES) {
                throw new IllegalArgumentException("configuration is " + xml.length + " bytes, more than "
                        + Limits.MAX_CONFIGURATION_BYTES);
            }
            this.configuration = xml.clone();
            return this;
        }

        /** The PEM bundle, at most {@link Limits#MAX_SSL_CA_CERTIFICATES_CHARS} and 10 certificates. */
        public Builder sslCaCertificates(String pem) {
            this.sslCaCertificates = checkCertificates(Objects.requireNonNull(pem, "pem"),
                    IllegalArgumentException::new);
            return this;
        }

        /** Adds the next application, in installation order; at most {@link Limits#MAX_APPLICATIONS}. */
        public Builder addApplication(Application application) {
            if (applications.size() == Limits.MAX_APPLICATIONS) {
                throw new IllegalArgumentException("more than " + Limits.MAX_APPLICATIONS + " applications");
            }
            applications.add(Objects.requireNonNull(application, "application"));
            return this;
        }

        /** @throws IllegalStateException when {@code issuedAt} or {@code configuration} is not set */
        public ProvisioningPackage build() {
            if (issuedAt == null || configuration == null) {
                throw new IllegalStateException("issued.at and configuration are required (PROTOCOL.md 6.1)");
            }
            return new ProvisioningPackage(this);
        }
    }
}
