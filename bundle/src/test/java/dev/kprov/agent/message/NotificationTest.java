package dev.kprov.agent.message;

import static dev.kprov.agent.message.ProvisionRequestTest.with;
import static dev.kprov.agent.message.ProvisionRequestTest.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void everyStatusWordTravelsAsSectionEightOneWritesIt() throws MessageException {
        for (Notification.Status status : Notification.Status.values()) {
            Notification sent = Notification.of(ID, status);
            Payload payload = sent.toPayload();

            assertEquals(Arrays.asList("request.id", "status"), payload.metricNames());
            assertEquals(status.name(), payload.requiredString("status"));
            assertEquals(sent, Notification.fromPayload(PayloadCodec.decode(PayloadCodec.encode(payload))));
        }
    }

    @Test
    void aFailureCarriesItsMessageOnOneLine() throws MessageException {
        Notification sent = Notification.failed(ID, "install of app-1 failed:\ncheck the log");

        Notification read = Notification.fromPayload(sent.toPayload());

        assertEquals(Notification.Status.FAILED, read.status());
        assertEquals("install of app-1 failed: check the log", read.exceptionMessage().get());
        assertFalse(Notification.of(ID, Notification.Status.CONF_UPDATED).exceptionMessage().isPresent());
    }

    @Test
    void anUnknownStatusOrMissingMetricIsRejected() {
        Payload good = Notification.of(ID, Notification.Status.APPS_INSTALLED).toPayload();
        assertRejected(with(good, "status", "DONE"), "status 'DONE' is not one of the words");
        assertRejected(without(good, "status"), "'status' is missing");
        assertRejected(with(good, "request.id", "x"), "request.id of the notification");
    }

    private static void assertRejected(Payload payload, String fragment) {
        MessageException e = assertThrows(MessageException.class, () -> Notification.fromPayload(payload));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
