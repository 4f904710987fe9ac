package dev.kprov.agent.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable KuraPayload (PROTOCOL.md section 2): an optional timestamp, named metrics in the order they
 * were added or received, and an optional body. Metric values are {@link Double}, {@link Float},
 * {@link Long}, {@link Integer}, {@link Boolean}, {@link String} or {@code byte[]}; byte arrays are copied
 * on the way in and out. {@code toString} shows metric names and types, never values: some are secrets.
 */
public final class Payload {

    private final Long timestamp;
    private final Map<String, Object> metrics;
    private final byte[] body;

    /** Takes ownership of {@code metrics} and {@code body}: callers pass fresh objects. */
    Payload(Long timestamp, LinkedHashMap<String, Object> metrics, byte[] body) {
        this.timestamp = timestamp;
        this.metrics = Collections.unmodifiableMap(metrics);
        this.body = body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this payload's content, to derive another payload from it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.timestamp = timestamp;
        builder.metrics.putAll(metrics);
        builder.body = body;
        return builder;
    }

    /** Epoch milliseconds, when the payload has a timestamp. */
    public OptionalLong timestamp() {
        return timestamp == null ? OptionalLong.empty() : OptionalLong.of(timestamp);
    }

    /** A copy of the body, when the payload has one (possibly empty). */
    public Optional<byte[]> body() {
        return body == null ? Optional.empty() : Optional.of(body.clone());
    }

    public int metricCount() {
        return metrics.size();
    }

    /** The metric names, in order. */
    public List<String> metricNames() {
        return Collections.unmodifiableList(new ArrayList<>(metrics.keySet()));
    }

    public boolean has(String name) {
        return metrics.containsKey(name);
    }

    public Optional<MetricType> typeOf(String name) {
        Object value = metrics.get(name);
        return value == null ? Optional.empty() : Optional.of(MetricType.of(value));
    }

    /** The value of a metric of any type; a {@code byte[]} is a copy. */
    public Optional<Object> value(String name) {
        Object value = metrics.get(name);
        return value == null ? Optional.empty() : Optional.of(value instanceof byte[] ? ((byte[]) value).clone() : value);
    }

    public String requiredString(String name) throws MessageException {
        return (String) required(name, MetricType.STRING);
    }

    public Optional<String> optionalString(String name) throws MessageException {
        return Optional.ofNullable((String) optional(name, MetricType.STRING));
    }

    public int requiredInt(String name) throws MessageException {
        return (Integer) required(name, MetricType.INT32);
    }

    public OptionalInt optionalInt(String name) throws MessageException {
        Integer value = (Integer) optional(name, MetricType.INT32);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    public long requiredLong(String name) throws MessageException {
        return (Long) required(name, MetricType.INT64);
    }

    public OptionalLong optionalLong(String name) throws MessageException {
        Long value = (Long) optional(name, MetricType.INT64);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** A copy of a BYTES metric. */
    public byte[] requiredBytes(String name) throws MessageException {
        return ((byte[]) required(name, MetricType.BYTES)).clone();
    }

    public Optional<byte[]> optionalBytes(String name) throws MessageException {
        byte[] value = (byte[]) optional(name, MetricType.BYTES);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** Length of a BYTES metric, without copying it (to check a bound before reading). */
    int bytesLength(String name) throws MessageException {
        return ((byte[]) required(name, MetricType.BYTES)).length;
    }

    /** The metrics as held, for the codec: byte arrays are not copied and must not be changed. */
    Map<String, Object> metricsView() {
        return metrics;
    }

    /** The body as held, for the codec; {@code null} when absent. Must not be changed. */
    byte[] bodyView() {
        return body;
    }

    private Object required(String name, MetricType type) throws MessageException {
        Object value = optional(name, type);
        if (value == null) {
            throw new MessageException("metric " + Text.quote(name) + " is missing");
        }
        return value;
    }

    private Object optional(String name, MetricType type) throws MessageException {
        Object value = metrics.get(name);
        if (value != null && !type.javaType().isInstance(value)) {
            throw new MessageException("metric " + Text.quote(name) + " is " + MetricType.of(value) + ", expected "
                    + type);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Payload)) {
            return false;
        }
        Payload that = (Payload) other;
        if (!Objects.equals(timestamp, that.timestamp) || !Arrays.equals(body, that.body)
                || !metricNames().equals(that.metricNames())) {
            return false;
        }
        for (Map.Entry<String, Object> metric : metrics.entrySet()) {
            if (!Objects.deepEquals(metric.getValue(), that.metrics.get(metric.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(timestamp, Arrays.hashCode(body));
        for (Map.Entry<String, Object> metric : metrics.entrySet()) {
            Object value = metric.getValue();
            int valueHash = value instanceof byte[] ? Arrays.hashCode((byte[]) value) : value.hashCode();
            hash = 31 * hash + (metric.getKey().hashCode() ^ valueHash);
        }
        return hash;
    }

    /** Names and types only, never values. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Payload[");
        out.append(timestamp == null ? "no timestamp" : "timestamp " + timestamp).append(", metrics {");
        String separator = "";
        for (Map.Entry<String, Object> metric : metrics.entrySet()) {
            out.append(separator).append(metric.getKey()).append(':').append(MetricType.of(metric.getValue()));
            separator = ", ";
        }
        out.append("}, ").append(body == null ? "no body" : "body " + body.length + " bytes");
        return out.append(']').toString();
    }

    /** Builds a {@link Payload}; names are unique, at most {@link Limits#MAX_METRICS} of them. */
    public static final class Builder {

        private Long timestamp;
        private final LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
        private byte[] body;

        private Builder() {
        }

        public Builder timestamp(long epochMillis) {
            this.timestamp = epochMillis;
            return this;
        }

        /** Sets the body to a copy of {@code body}. */
        public Builder body(byte[] body) {
            this.body = body.clone();
            return this;
        }

        public Builder addDouble(String name, double value) {
            return put(name, value);
        }

        public Builder addFloat(String name, float value) {
            return put(name, value);
        }

        public Builder addLong(String name, long value) {
            return put(name, value);
        }

        public Builder addInt(String name, int value) {
            return put(name, value);
        }

        public Builder addBoolean(String name, boolean value) {
            return put(name, value);
        }

        public Builder addString(String name, String value) {
            return put(name, Objects.requireNonNull(value, "value"));
        }

        /** Adds a copy of {@code value}. */
        public Builder addBytes(String name, byte[] value) {
            return put(name, value.clone());
        }

        /**
         * Adds a value of any of the seven metric types; a {@code byte[]} is copied.
         *
         * @throws IllegalArgumentException for another type, or a name already added
         */
        public Builder add(String name, Object value) {
            MetricType.of(value);
            return put(name, value instanceof byte[] ? ((byte[]) value).clone() : value);
        }

        private Builder put(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (metrics.containsKey(name)) {
                throw new IllegalArgumentException("metric " + Text.quote(name) + " added twice");
            }
            metrics.put(name, value);
            return this;
        }

        /** @throws IllegalStateException with more than {@link Limits#MAX_METRICS} metrics */
        public Payload build() {
            if (metrics.size() > Limits.MAX_METRICS) {
                throw new IllegalStateException(metrics.size() + " metrics, more than the " + Limits.MAX_METRICS
                        + " a receiver accepts (PROTOCOL.md section 7)");
            }
            return new Payload(timestamp, new LinkedHashMap<>(metrics), body);
        }
    }
}
