package dev.kprov.agent.message;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provision request (PROTOCOL.md section 5): a fresh random {@code request.id} for every attempt, the
 * client id, the protocol version, the activation key when the agent has one, and best-effort device
 * fields. {@code toString} never shows the activation key.
 */
public final class ProvisionRequest {

    public static final String REQUEST_ID = "request.id";
    public static final String CLIENT_ID = "requester.client.id";
    public static final String PROTOCOL_VERSION = "protocol.version";
    public static final String ACTIVATION_KEY = "activation.key";
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;

    private static final int REQUEST_ID_BYTES = 16;

    private final String requestId;
    private final String clientId;
    private final char[] activationKey;
    private final Map<DeviceField, String> device;

    private ProvisionRequest(Builder builder) {
        this.requestId = builder.requestId;
        this.clientId = builder.clientId;
        this.activationKey = builder.activationKey == null ? null : builder.activationKey.clone();
        this.device = Collections.unmodifiableMap(new EnumMap<>(builder.device));
    }

    /** A new request with a fresh {@code request.id} drawn from {@code random}. */
    public static Builder newRequest(String clientId, SecureRandom random) {
        return new Builder(newRequestId(random), clientId);
    }

    /** A request with a given id, as a platform or a test rebuilds one. */
    public static Builder withId(String requestId, String clientId) {
        return new Builder(requestId, clientId);
    }

    /** 32 lower-case hex digits from 16 random bytes. */
    public static String newRequestId(SecureRandom random) {
        byte[] bytes = new byte[REQUEST_ID_BYTES];
        random.nextBytes(bytes);
        return Text.hex(bytes);
    }

    /** Whether {@code text} has the form of a {@code request.id}: 32 lower-case hex digits. */
    public static boolean isValidRequestId(String text) {
        return Text.isLowerHex(text, 2 * REQUEST_ID_BYTES);
    }

    /**
     * Reads a request as the platform receives it. Metrics not in section 5 are ignored.
     *
     * @throws MessageException for a missing or mistyped metric, a malformed {@code request.id} or client
     *             id, or a protocol version other than {@link #VERSION}
     */
    public static ProvisionRequest fromPayload(Payload payload) throws MessageException {
        int version = payload.requiredInt(PROTOCOL_VERSION);
        if (version != VERSION) {
            throw new MessageException("unsupported " + PROTOCOL_VERSION + " " + version + "; this side speaks "
                    + VERSION);
        }
        String requestId = payload.requiredString(REQUEST_ID);
        if (!isValidRequestId(requestId)) {
            throw new MessageException(REQUEST_ID + " is not 32 lower-case hex digits");
        }
        String clientId = payload.requiredString(CLIENT_ID);
        Optional<String> problem = Text.topicLevelProblem(clientId);
        if (problem.isPresent()) {
            throw new MessageException(CLIENT_ID + " " + problem.get());
        }
        Builder builder = new Builder(requestId, clientId);
        Optional<String> key = payload.optionalString(ACTIVATION_KEY);
        if (key.isPresent()) {
            builder.activationKey = key.get().toCharArray();
        }
        for (DeviceField field : DeviceField.values()) {
            Optional<String> value = payload.optionalString(field.metric());
            if (value.isPresent()) {
                builder.device(field, value.get());
            }
        }
        return builder.build();
    }

    public String requestId() {
        return requestId;
    }

    public String clientId() {
        return clientId;
    }

    public boolean hasActivationKey() {
        return activationKey != null;
    }

    /** A copy of the activation key, for the caller to wipe after use. */
    public Optional<char[]> activationKey() {
        return activationKey == null ? Optional.empty() : Optional.of(activationKey.clone());
    }

    public Optional<String> device(DeviceField field) {
        return Optional.ofNullable(device.get(field));
    }

    /** The device fields that are known, in {@link DeviceField} order. */
    public Map<DeviceField, String> deviceFields() {
        return device;
    }

    /** The request as it goes on the wire: no timestamp, no body (section 5). */
    public Payload toPayload() {
        Payload.Builder payload = Payload.builder()
                .addString(REQUEST_ID, requestId)
                .addString(CLIENT_ID, clientId)
                .addInt(PROTOCOL_VERSION, VERSION);
        if (activationKey != null) {
            payload.addString(ACTIVATION_KEY, new String(activationKey));
        }
        for (Map.Entry<DeviceField, String> field : device.entrySet()) {
            payload.addString(field.getKey().metric(), field.getValue());
        }
        return payload.build();
    }

    /** Never shows the activation key, only whether there is one. */
    @Override
    public String toString() {
        return "ProvisionRequest[request.id=" + requestId + ", client.id=" + clientId + ", activation.key="
                + (activationKey == null ? "<none>" : "<set>") + ", device fields " + device.keySet() + "]";
    }

    /** Builds a {@link ProvisionRequest}. */
    public static final class Builder {

        private final String requestId;
        private final String clientId;
        private char[] activationKey;
        private final EnumMap<DeviceField, String> device = new EnumMap<>(DeviceField.class);

        private Builder(String requestId, String clientId) {
            if (!isValidRequestId(Objects.requireNonNull(requestId, "requestId"))) {
                throw new IllegalArgumentException("request id is not 32 lower-case hex digits");
            }
            Optional<String> problem = Text.topicLevelProblem(Objects.requireNonNull(clientId, "clientId"));
            if (problem.isPresent()) {
                throw new IllegalArgumentException("client id " + problem.get());
            }
            this.requestId = requestId;
            this.clientId = clientId;
        }

        /**
         * The activation key; the request keeps its own copy, so the caller may wipe {@code key}. An empty
         * key means none (section 5: sent only when the agent has one).
         */
        public Builder activationKey(char[] key) {
            if (activationKey != null) {
                Arrays.fill(activationKey, '\0');
            }
            activationKey = key.length == 0 ? null : key.clone();
            return this;
        }

        /** A device field; a {@code null} or empty value is left out (best effort). */
        public Builder device(DeviceField field, String value) {
            if (value == null || value.isEmpty()) {
                device.remove(field);
            } else {
                device.put(field, value);
            }
            return this;
        }

        public ProvisionRequest build() {
            return new ProvisionRequest(this);
        }
    }
}
