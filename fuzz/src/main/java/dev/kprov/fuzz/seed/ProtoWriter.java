package dev.kprov.fuzz.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf wire format by hand, with none of an encoder's rules: fields in any order, given twice,
 * with the wrong wire type, unknown fields and groups, over-long varints. For seeds and generated inputs
 * that no correct encoder would write.
 */
public final class ProtoWriter {

    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoWriter tag(int field, int wireType) {
        return varint(((long) field << 3) | wireType);
    }

    public ProtoWriter varint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    public ProtoWriter fixed32(int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    public ProtoWriter fixed64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    public ProtoWriter bytes(byte[] value) {
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter varintField(int field, long value) {
        return tag(field, VARINT).varint(value);
    }

    public ProtoWriter bytesField(int field, byte[] value) {
        return tag(field, LENGTH_DELIMITED).bytes(value);
    }

    public ProtoWriter stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public int size() {
        return out.size();
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    /** A KuraMetric of the given type code, with the value field that type takes. */
    public static byte[] metric(String name, int typeCode, Object value) {
        ProtoWriter metric = new ProtoWriter().stringField(1, name).varintField(2, typeCode);
        if (value instanceof Double d) {
            metric.tag(3, FIXED64).fixed64(Double.doubleToRawLongBits(d));
        } else if (value instanceof Float f) {
            metric.tag(4, FIXED32).fixed32(Float.floatToRawIntBits(f));
        } else if (value instanceof Long l) {
            metric.varintField(5, l);
        } else if (value instanceof Integer i) {
            metric.varintField(6, i);
        } else if (value instanceof Boolean b) {
            metric.varintField(7, b ? 1 : 0);
        } else if (value instanceof String s) {
            metric.stringField(8, s);
        } else if (value instanceof byte[] b) {
            metric.bytesField(9, b);
        }
        return metric.toBytes();
    }
}
