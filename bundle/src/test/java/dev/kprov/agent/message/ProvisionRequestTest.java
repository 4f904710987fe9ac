package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProvisionRequestTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private final SecureRandom random = new SecureRandom();

    @Test
    void everyNewRequestHasAFreshWellFormedId() {
        ProvisionRequest first = ProvisionRequest.newRequest("00E0C7A1B2C3", random).build();
        ProvisionRequest second = ProvisionRequest.newRequest("00E0C7A1B2C3", random).build();

        assertTrue(first.requestId().matches("[0-9a-f]{32}"), first.requestId());
        assertNotEquals(first.requestId(), second.requestId());
    }

    @Test
    void theRequestCarriesTheMetricsOfSectionFiveAndNoBody() throws MessageException {
        ProvisionRequest request = ProvisionRequest.withId(ID, "00E0C7A1B2C3")
                .activationKey("key-S3CR3T-123".toCharArray())
                .device(DeviceField.SERIAL_NUMBER, "SN-1")
                .device(DeviceField.MODEL_ID, "")
                .device(DeviceField.OS_NAME, null)
                .device(DeviceField.PRIMARY_MAC, "00:E0:C7:A1:B2:C3")
                .build();

        Payload payload = request.toPayload();

        assertEquals(Arrays.asList("request.id", "requester.client.id", "protocol.version", "activation.key",
                "serial_number", "primary_mac"), payload.metricNames());
        assertEquals(1, payload.requiredInt("protocol.version"));
        assertEquals("key-S3CR3T-123", payload.requiredString("activation.key"));
        assertFalse(payload.body().isPresent());
    }

    @Test
    void thePlatformReadsBackWhatTheAgentSent() throws MessageException {
        ProvisionRequest sent = ProvisionRequest.newRequest("gw-1", random).activationKey("k".toCharArray())
                .device(DeviceField.KURA_VERSION, "5.6.0").build();

        ProvisionRequest read = ProvisionRequest.fromPayload(PayloadCodec.decode(PayloadCodec.encode(sent.toPayload())));

        assertEquals(sent.requestId(), read.requestId());
        assertEquals("gw-1", read.clientId());
        assertArrayEquals("k".toCharArray(), read.activationKey().get());
        assertEquals("5.6.0", read.device(DeviceField.KURA_VERSION).get());
        assertEquals(sent.toPayload(), read.toPayload());
    }

    @Test
    void withoutAnActivationKeyNoneIsSent() {
        ProvisionRequest request = ProvisionRequest.withId(ID, "gw").activationKey(new char[0]).build();
        assertFalse(request.hasActivationKey());
        assertFalse(request.toPayload().has("activation.key"));
    }

    @Test
    void theActivationKeyIsCopiedAndNeverShown() {
        char[] key = "top-S3CR3T-key".toCharArray();
        ProvisionRequest request = ProvisionRequest.withId(ID, "gw").activationKey(key).build();
        Arrays.fill(key, '\0');
        request.activationKey().get()[0] = 'X';

        assertArrayEquals("top-S3CR3T-key".toCharArray(), request.activationKey().get());
        assertFalse(request.toString().contains("top-S3CR3T-key"), request.toString());
        assertTrue(request.toString().contains("activation.key=<set>"), request.toString());
    }

    @Test
    void malformedRequestsAreRejectedByTheMetricAtFault() {
        Payload good = ProvisionRequest.withId(ID, "gw").build().toPayload();
        assertRejected(without(good, "request.id"), "'request.id' is missing");
        assertRejected(with(good, "request.id", "0123456789ABCDEF0123456789ABCDEF"), "request.id is not 32");
        assertRejected(with(good, "request.id", "0123"), "request.id is not 32");
        assertRejected(without(good, "requester.client.id"), "'requester.client.id' is missing");
        assertRejected(with(good, "requester.client.id", "a/b"), "requester.client.id contains '/'");
        assertRejected(without(good, "protocol.version"), "'protocol.version' is missing");
        assertRejected(with(good, "protocol.version", 2), "unsupported protocol.version 2");
        assertRejected(with(good, "protocol.version", 1L), "'protocol.version' is INT64, expected INT32");
        assertRejected(with(good, "serial_number", 5), "'serial_number' is INT32");
    }

    @Test
    void theBuilderRefusesAMalformedIdOrClientId() {
        assertThrows(IllegalArgumentException.class, () -> ProvisionRequest.withId("xyz", "gw"));
        assertThrows(IllegalArgumentException.class, () -> ProvisionRequest.withId(ID, "a+b"));
        assertThrows(IllegalArgumentException.class, () -> ProvisionRequest.newRequest("", random));
    }

    static void assertRejected(Payload payload, String fragment) {
        MessageException e = assertThrows(MessageException.class, () -> ProvisionRequest.fromPayload(payload));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    /** The payload with one metric removed. */
    static Payload without(Payload payload, String name) {
        Payload.Builder copy = Payload.builder();
        for (String n : payload.metricNames()) {
            if (!n.equals(name)) {
                copy.add(n, payload.value(n).get());
            }
        }
        payload.body().ifPresent(copy::body);
        return copy.build();
    }

    /** The payload with one metric replaced (or added). */
    static Payload with(Payload payload, String name, Object value) {
        return without(payload, name).toBuilder().add(name, value).build();
    }
}
