package dev.kprov.agent.message;

import java.util.LinkedHashMap;

/**
 * Decodes a KuraPayload (PROTOCOL.md section 2) from plain protobuf bytes. Stricter than protobuf where
 * protobuf would silently take the last of two values: a field given twice, a metric with two values or a
 * value that does not match its type, and a metric name used twice are all rejected. Unknown fields are
 * skipped, whatever their wire type.
 */
final class PayloadDecoder {

    private static final int TIMESTAMP = 1;
    private static final int POSITION = 2;
    private static final int METRIC = 5000;
    private static final int BODY = 5001;

    private static final int NAME = 1;
    private static final int TYPE = 2;
    private static final int FIRST_VALUE = 3;
    private static final int LAST_VALUE = 9;

    private static final String[] VALUE_FIELD_NAMES = {"double_value", "float_value", "long_value", "int_value",
        "bool_value", "string_value", "bytes_value"};

    private PayloadDecoder() {
    }

    static Payload decode(byte[] bytes) throws MessageException {
        WireReader in = new WireReader(bytes, 0, bytes.length);
        Long timestamp = null;
        byte[] body = null;
        boolean position = false;
        LinkedHashMap<String, Object> metrics = new LinkedHashMap<>();
        while (!in.atEnd()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            switch (field) {
                case TIMESTAMP:
                    expectWireType(tag, WireReader.VARINT, "timestamp");
                    checkOnce(timestamp != null, "timestamp");
                    timestamp = in.readVarint("timestamp");
                    break;
                case POSITION:
                    expectWireType(tag, WireReader.LENGTH_DELIMITED, "position");
                    checkOnce(position, "position");
                    position = true;
                    in.readMessage("position"); // ignored by both sides (section 2)
                    break;
                case METRIC:
                    expectWireType(tag, WireReader.LENGTH_DELIMITED, "metric");
                    if (metrics.size() == Limits.MAX_METRICS) {
                        throw new MessageException("more than " + Limits.MAX_METRICS + " metrics (PROTOCOL.md section 7)");
                    }
                    readMetric(in.readMessage("metric #" + metrics.size()), metrics);
                    break;
                case BODY:
                    expectWireType(tag, WireReader.LENGTH_DELIMITED, "body");
                    checkOnce(body != null, "body");
                    body = in.readBytes("body");
                    break;
                default:
                    in.skipField(tag, 0);
            }
        }
        return new Payload(timestamp, metrics, body);
    }

    private static void readMetric(WireReader in, LinkedHashMap<String, Object> metrics) throws MessageException {
        String where = "metric #" + metrics.size();
        String name = null;
        long typeCode = -1;
        boolean hasType = false;
        int valueField = 0;
        Object value = null;
        while (!in.atEnd()) {
            int tag = in.readTag();
            int field = tag >>> 3;
            if (field == NAME) {
                expectWireType(tag, WireReader.LENGTH_DELIMITED, where + " name");
                checkOnce(name != null, where + " name");
                name = in.readString(where + " name");
                where = "metric " + Text.quote(name);
            } else if (field == TYPE) {
                expectWireType(tag, WireReader.VARINT, where + " type");
                checkOnce(hasType, where + " type");
                typeCode = in.readVarint(where + " type");
                hasType = true;
            } else if (field >= FIRST_VALUE && field <= LAST_VALUE) {
                if (valueField != 0) {
                    throw new MessageException(where + " has two value fields, " + VALUE_FIELD_NAMES[valueField - 3]
                            + " and " + VALUE_FIELD_NAMES[field - 3]);
                }
                valueField = field;
                value = readValue(in, tag, where + " " + VALUE_FIELD_NAMES[field - 3]);
            } else {
                in.skipField(tag, 0);
            }
        }
        if (name == null) {
            throw new MessageException(where + " has no name");
        }
        if (!hasType) {
            throw new MessageException(where + " has no type");
        }
        String at = where;
        long code = typeCode;
        MetricType type = MetricType.ofCode(code).orElseThrow(
                () -> new MessageException(at + " has unknown type " + Long.toUnsignedString(code)));
        if (valueField == 0) {
            throw new MessageException(where + " (" + type + ") has no value");
        }
        if (valueField != type.valueField()) {
            throw new MessageException(where + " is declared " + type + " but carries a "
                    + VALUE_FIELD_NAMES[valueField - 3]);
        }
        if (metrics.containsKey(name)) {
            throw new MessageException(where + " appears twice");
        }
        metrics.put(name, value);
    }

    private static Object readValue(WireReader in, int tag, String what) throws MessageException {
        switch (tag >>> 3) {
            case 3:
                expectWireType(tag, WireReader.FIXED64, what);
                return Double.longBitsToDouble(in.readFixed64(what));
            case 4:
                expectWireType(tag, WireReader.FIXED32, what);
                return Float.intBitsToFloat(in.readFixed32(what));
            case 5:
                expectWireType(tag, WireReader.VARINT, what);
                return in.readVarint(what);
            case 6:
                expectWireType(tag, WireReader.VARINT, what);
                return readInt32(in, what);
            case 7:
                expectWireType(tag, WireReader.VARINT, what);
                return in.readVarint(what) != 0;
            case 8:
                expectWireType(tag, WireReader.LENGTH_DELIMITED, what);
                return in.readString(what);
            default:
                expectWireType(tag, WireReader.LENGTH_DELIMITED, what);
                return in.readBytes(what);
        }
    }

    /**
     * protobuf writes a negative int32 as a ten-byte sign-extended varint; some encoders write it as five
     * bytes (its unsigned 32-bit value). Both are taken; anything else does not fit in 32 bits.
     */
    private static int readInt32(WireReader in, String what) throws MessageException {
        long value = in.readVarint(what);
        if (value != (int) value && (value >>> 32) != 0) {
            throw new MessageException(what + " does not fit in 32 bits");
        }
        return (int) value;
    }

    private static void expectWireType(int tag, int wireType, String what) throws MessageException {
        if ((tag & 7) != wireType) {
            throw new MessageException(what + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    private static void checkOnce(boolean seen, String what) throws MessageException {
        if (seen) {
            throw new MessageException(what + " is given twice");
        }
    }
}
