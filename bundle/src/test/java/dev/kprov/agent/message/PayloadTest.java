package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PayloadTest {

    private final Payload payload = Payload.builder()
            .timestamp(1_700_000_000_000L)
            .addString("request.id", "0123456789abcdef0123456789abcdef")
            .addInt("response.code", 200)
            .addLong("issued.at", -5)
            .addBytes("content", new byte[] {1, 2})
            .addDouble("d", 1.5)
            .addFloat("f", 2.5f)
            .addBoolean("b", true)
            .body(new byte[] {9})
            .build();

    @Test
    void metricsKeepTheirOrderAndTypes() {
        assertEquals(Arrays.asList("request.id", "response.code", "issued.at", "content", "d", "f", "b"),
                payload.metricNames());
        assertEquals(Optional.of(MetricType.INT64), payload.typeOf("issued.at"));
        assertEquals(Optional.of(MetricType.BOOL), payload.typeOf("b"));
        assertEquals(Optional.empty(), payload.typeOf("absent"));
    }

    @Test
    void typedReadersReturnTheValues() throws MessageException {
        assertEquals("0123456789abcdef0123456789abcdef", payload.requiredString("request.id"));
        assertEquals(200, payload.requiredInt("response.code"));
        assertEquals(-5, payload.requiredLong("issued.at"));
        assertArrayEquals(new byte[] {1, 2}, payload.requiredBytes("content"));
        assertEquals(200, payload.optionalInt("response.code").getAsInt());
        assertFalse(payload.optionalString("absent").isPresent());
        assertFalse(payload.optionalInt("absent").isPresent());
        assertFalse(payload.optionalLong("absent").isPresent());
        assertFalse(payload.optionalBytes("absent").isPresent());
        assertEquals(1_700_000_000_000L, payload.timestamp().getAsLong());
    }

    @Test
    void aMissingOrMistypedMetricIsRejectedByName() {
        MessageException missing = assertThrows(MessageException.class, () -> payload.requiredString("account.name"));
        assertEquals("metric 'account.name' is missing", missing.getMessage());
        MessageException mistyped = assertThrows(MessageException.class, () -> payload.requiredLong("response.code"));
        assertEquals("metric 'response.code' is INT32, expected INT64", mistyped.getMessage());
        assertThrows(MessageException.class, () -> payload.optionalString("content"));
        assertThrows(MessageException.class, () -> payload.optionalBytes("request.id"));
    }

    @Test
    void byteArraysAreCopiedInAndOut() throws MessageException {
        byte[] content = {1, 2, 3};
        byte[] body = {4};
        Payload p = Payload.builder().addBytes("c", content).add("o", content).body(body).build();
        content[0] = 99;
        body[0] = 99;
        p.requiredBytes("c")[1] = 99;
        p.body().get()[0] = 98;
        ((byte[]) p.value("o").get())[2] = 97;

        assertArrayEquals(new byte[] {1, 2, 3}, p.requiredBytes("c"));
        assertArrayEquals(new byte[] {1, 2, 3}, p.requiredBytes("o"));
        assertArrayEquals(new byte[] {4}, p.body().get());
    }

    @Test
    void toStringShowsNamesAndTypesButNoValue() {
        String secret = "activation-key-S3CR3T";
        Payload p = Payload.builder().addString("activation.key", secret).addInt("n", 424242).build();

        String text = p.toString();

        assertTrue(text.contains("activation.key:STRING") && text.contains("n:INT32"), text);
        assertFalse(text.contains(secret) || text.contains("424242"), text);
    }

    @Test
    void theBuilderRefusesDuplicatesForeignTypesAndTooManyMetrics() {
        assertThrows(IllegalArgumentException.class, () -> Payload.builder().addInt("a", 1).addLong("a", 2));
        assertThrows(IllegalArgumentException.class, () -> Payload.builder().add("a", new StringBuilder()));
        assertThrows(IllegalArgumentException.class, () -> Payload.builder().add("a", (short) 1));
        Payload.Builder many = Payload.builder();
        for (int i = 0; i <= Limits.MAX_METRICS; i++) {
            many.addBoolean("m" + i, true);
        }
        assertThrows(IllegalStateException.class, many::build);
    }

    @Test
    void equalPayloadsAreEqualIncludingByteArraysAndNaN() {
        Payload a = Payload.builder().addBytes("x", new byte[] {1}).addDouble("nan", Double.NaN).build();
        Payload b = Payload.builder().addBytes("x", new byte[] {1}).addDouble("nan", Double.NaN).build();
        Payload c = Payload.builder().addDouble("nan", Double.NaN).addBytes("x", new byte[] {1}).build();

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertFalse(a.equals(c), "order matters");
        assertEquals(payload, payload.toBuilder().build());
    }
}
