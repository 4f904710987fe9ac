package dev.kprov.agent.message;

import java.util.Optional;

/** The KuraMetric value types of PROTOCOL.md section 2, with their enum numbers and value fields. */
public enum MetricType {
    DOUBLE(0, Double.class),
    FLOAT(1, Float.class),
    INT64(2, Long.class),
    INT32(3, Integer.class),
    BOOL(4, Boolean.class),
    STRING(5, String.class),
    BYTES(6, byte[].class);

    private static final MetricType[] BY_CODE = values();

    private final int code;
    private final Class<?> javaType;

    MetricType(int code, Class<?> javaType) {
        this.code = code;
        this.javaType = javaType;
    }

    /** The number of this type in the KuraMetric {@code type} enum. */
    public int code() {
        return code;
    }

    /** The Java class of a value of this type in a {@link Payload}. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The KuraMetric field number that carries a value of this type (3 to 9). */
    int valueField() {
        return code + 3;
    }

    /** The type whose enum number is {@code code}; empty for a number outside 0..6. */
    static Optional<MetricType> ofCode(long code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[(int) code]) : Optional.empty();
    }

    /** The type of a value, which must be one of the seven Java classes. */
    static MetricType of(Object value) {
        for (MetricType type : BY_CODE) {
            if (type.javaType.isInstance(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("a metric value must be a Double, Float, Long, Integer, Boolean, "
                + "String or byte[], not " + (value == null ? "null" : value.getClass().getName()));
    }
}
