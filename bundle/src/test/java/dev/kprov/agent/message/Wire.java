package dev.kprov.agent.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-written protobuf bytes, for inputs no well-behaved encoder produces. */
final class Wire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Wire of() {
        return new Wire();
    }

    Wire tag(int field, int wireType) {
        return varint((long) field << 3 | wireType);
    }

    Wire varint(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    Wire raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    Wire raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    Wire fixed(long value, int size) {
        for (int i = 0; i < size; i++) {
            out.write((int) (value >>> 8 * i));
        }
        return this;
    }

    Wire bytes(int field, byte[] bytes) {
        return tag(field, 2).varint(bytes.length).raw(bytes);
    }

    Wire string(int field, String text) {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    Wire message(int field, Wire message) {
        return bytes(field, message.toBytes());
    }

    /** A KuraPayload metric field (5000) holding {@code metric}. */
    Wire metric(Wire metric) {
        return message(5000, metric);
    }

    /** A well-formed STRING metric. */
    Wire stringMetric(String name, String value) {
        return metric(Wire.of().string(1, name).tag(2, 0).varint(5).string(8, value));
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
