package dev.kprov.agent.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes a KuraPayload exactly as protobuf-java writes it: fields in field-number order (timestamp,
 * metrics, body; position never), each metric as name, type, value; negative int32 values as ten-byte
 * sign-extended varints; strings as UTF-8 with an unpaired surrogate written as '?'. The size is computed
 * first, so the output is written once into an array of the exact size.
 */
final class PayloadEncoder {

    private static final int TAG_TIMESTAMP = 1 << 3;
    private static final int TAG_METRIC = 5000 << 3 | 2;
    private static final int TAG_BODY = 5001 << 3 | 2;
    private static final int TAG_NAME = 1 << 3 | 2;
    private static final int TAG_TYPE = 2 << 3;

    private final byte[] out;
    private int position;

    private PayloadEncoder(int size) {
        this.out = new byte[size];
    }

    static byte[] encode(Payload payload) {
        List<Metric> metrics = new ArrayList<>(payload.metricCount());
        long size = 0;
        Long timestamp = payload.timestamp().isPresent() ? payload.timestamp().getAsLong() : null;
        if (timestamp != null) {
            size += 1 + varintSize(timestamp);
        }
        for (Map.Entry<String, Object> entry : payload.metricsView().entrySet()) {
            Metric metric = new Metric(entry.getKey(), entry.getValue());
            metrics.add(metric);
            size += varintSize(TAG_METRIC) + varintSize(metric.size) + metric.size;
        }
        byte[] body = payload.bodyView();
        if (body != null) {
            size += varintSize(TAG_BODY) + varintSize(body.length) + body.length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("payload of " + size + " bytes is too large to encode");
        }
        PayloadEncoder encoder = new PayloadEncoder((int) size);
        if (timestamp != null) {
            encoder.writeVarint(TAG_TIMESTAMP);
            encoder.writeVarint(timestamp);
        }
        for (Metric metric : metrics) {
            encoder.writeVarint(TAG_METRIC);
            encoder.writeVarint(metric.size);
            encoder.writeMetric(metric);
        }
        if (body != null) {
            encoder.writeVarint(TAG_BODY);
            encoder.writeBytes(body);
        }
        return encoder.out;
    }

    private void writeMetric(Metric metric) {
        writeVarint(TAG_NAME);
        writeBytes(metric.name);
        writeVarint(TAG_TYPE);
        writeVarint(metric.type.code());
        int field = metric.type.valueField();
        Object value = metric.value;
        switch (metric.type) {
            case DOUBLE:
                writeVarint(field << 3 | 1);
                writeFixed(Double.doubleToRawLongBits((Double) value), 8);
                break;
            case FLOAT:
                writeVarint(field << 3 | 5);
                writeFixed(Float.floatToRawIntBits((Float) value), 4);
                break;
            case INT64:
                writeVarint(field << 3);
                writeVarint((Long) value);
                break;
            case INT32:
                writeVarint(field << 3);
                writeVarint((long) (Integer) value); // sign-extended, as protobuf does
                break;
            case BOOL:
                writeVarint(field << 3);
                writeVarint((Boolean) value ? 1 : 0);
                break;
            default: // STRING, BYTES: already as bytes
                writeVarint(field << 3 | 2);
                writeBytes(metric.bytes);
        }
    }

    private void writeBytes(byte[] bytes) {
        writeVarint(bytes.length);
        System.arraycopy(bytes, 0, out, position, bytes.length);
        position += bytes.length;
    }

    private void writeFixed(long value, int size) {
        for (int i = 0; i < size; i++) {
            out[position++] = (byte) (value >>> 8 * i);
        }
    }

    private void writeVarint(long value) {
        while ((value & ~0x7fL) != 0) {
            out[position++] = (byte) (value & 0x7f | 0x80);
            value >>>= 7;
        }
        out[position++] = (byte) value;
    }

    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7fL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** One metric with its UTF-8 encodings and its encoded size, computed once. */
    private static final class Metric {
        final byte[] name;
        final MetricType type;
        final Object value;
        final byte[] bytes;
        final int size;

        Metric(String name, Object value) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
            this.type = MetricType.of(value);
            this.value = value;
            this.bytes = value instanceof String ? ((String) value).getBytes(StandardCharsets.UTF_8)
                    : value instanceof byte[] ? (byte[]) value : null;
            this.size = 1 + varintSize(this.name.length) + this.name.length + 2 + 1 + valueSize();
        }

        private int valueSize() {
            switch (type) {
                case DOUBLE:
                    return 8;
                case FLOAT:
                    return 4;
                case INT64:
                    return varintSize((Long) value);
                case INT32:
                    return varintSize((long) (Integer) value);
                case BOOL:
                    return 1;
                default:
                    return varintSize(bytes.length) + bytes.length;
            }
        }
    }
}
