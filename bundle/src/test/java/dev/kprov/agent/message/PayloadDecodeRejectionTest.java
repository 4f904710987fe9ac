package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Given bytes that break a rule of PROTOCOL.md section 2 or a bound of section 7, when they are decoded,
 * then they are rejected with a message that names what is wrong.
 */
class PayloadDecodeRejectionTest {

    private static final byte[] INVALID_UTF8 = {(byte) 0xc3, (byte) 0x28};

    private static void assertRejected(byte[] wire, String... fragments) {
        MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(wire));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }

    private static Wire metric(String name, int type) {
        return Wire.of().string(1, name).tag(2, 0).varint(type);
    }

    @Test
    void aMetricWithoutNameIsRejected() {
        assertRejected(Wire.of().metric(Wire.of().tag(2, 0).varint(5).string(8, "v")).toBytes(), "metric #0",
                "no name");
    }

    @Test
    void aMetricWithoutTypeIsRejected() {
        assertRejected(Wire.of().metric(Wire.of().string(1, "key").string(8, "v")).toBytes(), "'key'", "no type");
    }

    @Test
    void aMetricWithoutValueIsRejected() {
        assertRejected(Wire.of().metric(metric("key", 5)).toBytes(), "'key'", "STRING", "no value");
    }

    @Test
    void aMetricWithTwoValuesIsRejected() {
        byte[] wire = Wire.of().metric(metric("key", 5).string(8, "a").tag(6, 0).varint(1)).toBytes();
        assertRejected(wire, "'key'", "two value fields", "string_value", "int_value");
    }

    @Test
    void aValueGivenTwiceIsRejected() {
        assertRejected(Wire.of().metric(metric("key", 5).string(8, "a").string(8, "b")).toBytes(), "two value fields");
    }

    @Test
    void aValueThatDoesNotMatchTheTypeIsRejected() {
        byte[] wire = Wire.of().metric(metric("response.code", 3).tag(5, 0).varint(200)).toBytes();
        assertRejected(wire, "'response.code'", "declared INT32", "long_value");
    }

    @Test
    void anUnknownTypeIsRejected() {
        assertRejected(Wire.of().metric(metric("key", 7).string(8, "a")).toBytes(), "'key'", "unknown type 7");
    }

    @Test
    void aValueFieldWithTheWrongWireTypeIsRejected() {
        byte[] wire = Wire.of().metric(metric("key", 0).tag(3, 0).varint(1)).toBytes();
        assertRejected(wire, "double_value", "wire type 0, expected 1");
    }

    @Test
    void aDuplicateMetricNameIsRejected() {
        byte[] wire = Wire.of().stringMetric("request.id", "a").stringMetric("request.id", "b").toBytes();
        assertRejected(wire, "'request.id'", "appears twice");
    }

    @Test
    void aNameGivenTwiceIsRejected() {
        assertRejected(Wire.of().metric(metric("a", 5).string(1, "b").string(8, "v")).toBytes(), "name is given twice");
    }

    @Test
    void aBodyOrTimestampGivenTwiceIsRejected() {
        assertRejected(Wire.of().bytes(5001, new byte[1]).bytes(5001, new byte[2]).toBytes(), "body is given twice");
        assertRejected(Wire.of().tag(1, 0).varint(1).tag(1, 0).varint(2).toBytes(), "timestamp is given twice");
    }

    @Test
    void malformedUtf8IsRejectedInNamesAndValues() {
        assertRejected(Wire.of().metric(Wire.of().bytes(1, INVALID_UTF8).tag(2, 0).varint(5).string(8, "v"))
                .toBytes(), "name is not valid UTF-8");
        assertRejected(Wire.of().metric(metric("key", 5).bytes(8, INVALID_UTF8)).toBytes(), "'key' string_value",
                "not valid UTF-8");
        // an encoded surrogate (CESU-8) is not UTF-8 either
        assertRejected(Wire.of().metric(metric("key", 5).raw(0x42, 3, 0xed, 0xa0, 0x80)).toBytes(), "UTF-8");
    }

    @Test
    void inputCutInsideAnyFieldIsRejectedAsTruncated() {
        byte[][] fields = {Wire.of().tag(1, 0).varint(1_700_000_000_000L).toBytes(),
            Wire.of().stringMetric("request.id", "0123").toBytes(),
            Wire.of().metric(metric("d", 0).tag(3, 1).fixed(1, 8)).toBytes(),
            Wire.of().bytes(5001, new byte[20]).toBytes()};
        Wire whole = Wire.of();
        for (byte[] field : fields) {
            int start = whole.toBytes().length;
            for (int cut = 1; cut < field.length; cut++) {
                byte[] truncated = Wire.of().raw(whole.toBytes()).raw(Arrays.copyOf(field, cut)).toBytes();
                MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(truncated),
                        "cut at " + (start + cut));
                assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            }
            whole.raw(field);
        }
    }

    @Test
    void overLongVarintsAreRejected() {
        assertRejected(Wire.of().tag(1, 0).raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00)
                .toBytes(), "more than 10 bytes");
        assertRejected(Wire.of().tag(1, 0).raw(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).toBytes(),
                "overflows 64 bits");
    }

    @Test
    void anInt32ValuePast32BitsIsRejected() {
        byte[] wire = Wire.of().metric(metric("n", 3).tag(6, 0).varint(1L << 40)).toBytes();
        assertRejected(wire, "'n' int_value", "32 bits");
    }

    @Test
    void anInt32WrittenAsFiveBytesIsReadAsProtobufReadsIt() throws MessageException {
        byte[] wire = Wire.of().metric(metric("n", 3).tag(6, 0).varint(0xffffffffL)).toBytes();
        assertEquals(-1, PayloadCodec.decode(wire).requiredInt("n"));
    }

    @Test
    void invalidWireTypesAndTagsAreRejected() {
        assertRejected(Wire.of().tag(20, 7).toBytes(), "invalid wire type 7");
        assertRejected(Wire.of().tag(20, 6).toBytes(), "invalid wire type 6");
        assertRejected(Wire.of().tag(0, 0).varint(1).toBytes(), "invalid field number 0");
        assertRejected(Wire.of().varint(1L << 35).varint(1).toBytes(), "invalid field number");
    }

    @Test
    void groupsAreSkippedButMustBeClosedAndBounded() throws MessageException {
        Wire group = Wire.of().tag(30, 3).tag(1, 0).varint(5).tag(31, 3).tag(2, 5).fixed(9, 4).tag(31, 4).tag(30, 4);
        byte[] ok = Wire.of().raw(group.toBytes()).stringMetric("k", "v").toBytes();
        assertEquals("v", PayloadCodec.decode(ok).requiredString("k"));

        assertRejected(Wire.of().tag(30, 3).tag(1, 0).varint(5).toBytes(), "truncated", "group 30");
        assertRejected(Wire.of().tag(30, 3).tag(31, 4).toBytes(), "group 30 closed as group 31");
        assertRejected(Wire.of().tag(30, 4).toBytes(), "end of group 30 without its start");

        Wire deep = Wire.of();
        for (int i = 0; i <= Limits.MAX_GROUP_DEPTH; i++) {
            deep.tag(40, 3);
        }
        assertRejected(deep.toBytes(), "nested deeper than " + Limits.MAX_GROUP_DEPTH);
    }

    @Test
    void unknownFieldsAreSkippedInsideMetricsToo() throws MessageException {
        Wire metric = Wire.of().tag(99, 1).fixed(-1, 8).string(1, "k").tag(12, 3).tag(1, 0).varint(1).tag(12, 4)
                .tag(2, 0).varint(3).tag(13, 5).fixed(1, 4).tag(6, 0).varint(-5).string(14, "ignored");
        byte[] wire = Wire.of().tag(4999, 0).varint(1).metric(metric).tag(6000, 2).varint(0).toBytes();

        assertEquals(-5, PayloadCodec.decode(wire).requiredInt("k"));
    }

    @Test
    void theMetricBoundIsExactlyOneThousand() throws MessageException {
        Wire atBound = Wire.of();
        for (int i = 0; i < Limits.MAX_METRICS; i++) {
            atBound.stringMetric("m" + i, "");
        }
        assertEquals(Limits.MAX_METRICS, PayloadCodec.decode(atBound.toBytes()).metricCount());

        assertRejected(atBound.stringMetric("one.more", "").toBytes(), "more than 1000 metrics");
    }

    @Test
    void aPayloadPastTheWireBoundIsRejectedBeforeDecoding() {
        assertRejected(new byte[Limits.MAX_WIRE_BYTES + 1], "more than the 16777216 allowed on the wire");
    }

    @Test
    void rejectionsNeverQuoteAValue() {
        String secret = "activation-key-S3CR3T";
        byte[] wire = Wire.of().metric(metric("activation.key", 3).string(8, secret)).toBytes();
        MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(wire));
        assertTrue(!e.getMessage().contains(secret), e.getMessage());
    }

    @Test
    void anEmptyPayloadIsAnEmptyKuraPayload() throws MessageException {
        Payload empty = PayloadCodec.decode(new byte[0]);
        assertEquals(0, empty.metricCount());
        assertTrue(!empty.timestamp().isPresent() && !empty.body().isPresent());
    }
}
