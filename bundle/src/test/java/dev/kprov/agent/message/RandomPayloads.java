package dev.kprov.agent.message;

import java.util.Random;

import com.google.protobuf.ByteString;

import dev.kprov.agent.message.protobuf.KuraPayloadProto.KuraPayload;
import dev.kprov.agent.message.protobuf.KuraPayloadProto.KuraPayload.KuraMetric;
import dev.kprov.agent.message.protobuf.KuraPayloadProto.KuraPayload.KuraMetric.ValueType;

/** Random payloads over every metric type, with extreme values, and their protobuf-java twins. */
final class RandomPayloads {

    private static final long[] LONGS = {0, 1, -1, 127, 128, -128, 300, Long.MAX_VALUE, Long.MIN_VALUE,
        Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 35, -(1L << 35)};
    private static final int[] INTS = {0, 1, -1, 127, 128, -129, 16384, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.5};
    private static final float[] FLOATS = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, 1.5f};
    private static final String[] STRINGS = {"", "a", "request.id", "\u00e9t\u00e9", "\u65e5\u672c",
        "\ud83d\ude00 smile", "line\nbreak\ttab", "\0nul"};

    private final Random random;

    RandomPayloads(long seed) {
        this.random = new Random(seed);
    }

    Payload next() {
        Payload.Builder payload = Payload.builder();
        if (random.nextBoolean()) {
            payload.timestamp(pick(LONGS, random.nextLong()));
        }
        int metrics = random.nextInt(10) == 0 ? random.nextInt(200) : random.nextInt(12);
        for (int i = 0; i < metrics; i++) {
            payload.add(name(i), value());
        }
        if (random.nextBoolean()) {
            payload.body(bytes());
        }
        return payload.build();
    }

    Random random() {
        return random;
    }

    private String name(int i) {
        // unique, sometimes empty, sometimes long, sometimes non-ASCII
        switch (random.nextInt(6)) {
            case 0:
                return i == 0 ? "" : "m" + i;
            case 1:
                return "\u00fc" + i + string();
            case 2:
                return repeat('n', 100 + random.nextInt(300)) + i;
            default:
                return "metric." + i;
        }
    }

    private Object value() {
        switch (random.nextInt(7)) {
            case 0:
                return random.nextInt(3) == 0 ? DOUBLES[random.nextInt(DOUBLES.length)] : quietDouble();
            case 1:
                return random.nextInt(3) == 0 ? FLOATS[random.nextInt(FLOATS.length)] : quietFloat();
            case 2:
                return pick(LONGS, random.nextLong());
            case 3:
                return random.nextBoolean() ? INTS[random.nextInt(INTS.length)] : random.nextInt();
            case 4:
                return random.nextBoolean();
            case 5:
                return string();
            default:
                return bytes();
        }
    }

    /**
     * Random bits, but a NaN is replaced by a quiet NaN with a payload: a signalling NaN may be quieted by
     * the hardware on its way through a float register, in either codec.
     */
    private double quietDouble() {
        double value = Double.longBitsToDouble(random.nextLong());
        return Double.isNaN(value) ? Double.longBitsToDouble(0x7ff8000000000001L) : value;
    }

    private float quietFloat() {
        float value = Float.intBitsToFloat(random.nextInt());
        return Float.isNaN(value) ? Float.intBitsToFloat(0x7fc00001) : value;
    }

    private long pick(long[] extremes, long otherwise) {
        return random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : otherwise;
    }

    String string() {
        if (random.nextBoolean()) {
            return STRINGS[random.nextInt(STRINGS.length)];
        }
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextInt(20) == 0 ? 5000 : 40);
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x10ffff) : 0x20 + random.nextInt(0x5f);
            if (codePoint < 0xd800 || codePoint > 0xdfff) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private byte[] bytes() {
        int size = random.nextInt(50) == 0 ? random.nextInt(300_000) : random.nextInt(64);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String repeat(char c, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(c);
        }
        return text.toString();
    }

    /** The same payload as a protobuf-java message. */
    static KuraPayload toProtobuf(Payload payload) {
        KuraPayload.Builder message = KuraPayload.newBuilder();
        payload.timestamp().ifPresent(message::setTimestamp);
        for (String name : payload.metricNames()) {
            message.addMetric(toProtobuf(name, payload.value(name).get()));
        }
        payload.body().ifPresent(body -> message.setBody(ByteString.copyFrom(body)));
        return message.build();
    }

    static KuraMetric toProtobuf(String name, Object value) {
        KuraMetric.Builder metric = KuraMetric.newBuilder().setName(name);
        if (value instanceof Double) {
            metric.setType(ValueType.DOUBLE).setDoubleValue((Double) value);
        } else if (value instanceof Float) {
            metric.setType(ValueType.FLOAT).setFloatValue((Float) value);
        } else if (value instanceof Long) {
            metric.setType(ValueType.INT64).setLongValue((Long) value);
        } else if (value instanceof Integer) {
            metric.setType(ValueType.INT32).setIntValue((Integer) value);
        } else if (value instanceof Boolean) {
            metric.setType(ValueType.BOOL).setBoolValue((Boolean) value);
        } else if (value instanceof String) {
            metric.setType(ValueType.STRING).setStringValue((String) value);
        } else {
            metric.setType(ValueType.BYTES).setBytesValue(ByteString.copyFrom((byte[]) value));
        }
        return metric.build();
    }
}
