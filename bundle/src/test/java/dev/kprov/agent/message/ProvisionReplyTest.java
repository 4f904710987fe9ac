package dev.kprov.agent.message;

import static dev.kprov.agent.message.ProvisionRequestTest.with;
import static dev.kprov.agent.message.ProvisionRequestTest.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProvisionReplyTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    private static ProvisionReply roundTrip(ProvisionReply reply) throws MessageException {
        return ProvisionReply.fromPayload(PayloadCodec.decode(PayloadCodec.encode(reply.toPayload())));
    }

    @Test
    void anOkReplyCarriesThePackageAndEndsTheWait() throws MessageException {
        ProvisionReply reply = roundTrip(ProvisionReply.ok(ID, new byte[] {0x30, 1, 2}));

        assertTrue(reply.isOk() && reply.isFinal());
        assertFalse(reply.isFailure());
        assertEquals(ID, reply.requestId());
        assertArrayEquals(new byte[] {0x30, 1, 2}, reply.body().get());
    }

    @Test
    void anAcceptedReplyKeepsTheAgentWaiting() throws MessageException {
        ProvisionReply reply = roundTrip(ProvisionReply.accepted(ID));

        assertTrue(reply.isAccepted());
        assertFalse(reply.isFinal() || reply.isFailure());
    }

    @Test
    void anErrorReplyTellsWhyAndWhenToComeBack() throws MessageException {
        ProvisionReply reply = roundTrip(ProvisionReply.error(429, ID, "too many attempts").withRetryAfter(900));

        assertTrue(reply.isFailure());
        assertEquals(429, reply.responseCode());
        assertEquals("too many attempts", reply.exceptionMessage().get());
        assertEquals(900, reply.retryAfter().getAsInt());
        assertFalse(reply.body().isPresent());
    }

    @Test
    void anUnknownCodeIsAFailure() throws MessageException {
        assertTrue(roundTrip(ProvisionReply.error(503, ID, "later")).isFailure());
    }

    @Test
    void theMessageIsReadAsOneBoundedLine() throws MessageException {
        StringBuilder longText = new StringBuilder("first line\r\nsecond\u2028third\t");
        while (longText.length() < 5000) {
            longText.append("x");
        }
        Payload payload = ProvisionReply.accepted(ID).toPayload().toBuilder()
                .addString("response.exception.message", longText.toString()).build();

        String message = ProvisionReply.fromPayload(payload).exceptionMessage().get();

        assertEquals(Limits.MAX_EXCEPTION_MESSAGE_CHARS, message.length());
        assertTrue(message.startsWith("first line  second third x"), message);
    }

    @Test
    void aLongRetryAfterIsReadAsTheBoundAndANegativeOneIsRejected() throws MessageException {
        Payload base = ProvisionReply.error(429, ID, "slow down").toPayload();
        assertEquals(Limits.MAX_RETRY_AFTER_SECONDS,
                ProvisionReply.fromPayload(with(base, "retry.after", Integer.MAX_VALUE)).retryAfter().getAsInt());
        assertRejected(with(base, "retry.after", -1), "retry.after is negative");
    }

    @Test
    void malformedRepliesAreRejectedByTheMetricAtFault() {
        Payload good = ProvisionReply.ok(ID, new byte[1]).toPayload();
        assertRejected(without(good, "response.code"), "'response.code' is missing");
        assertRejected(with(good, "response.code", "200"), "'response.code' is STRING, expected INT32");
        assertRejected(without(good, "request.id"), "'request.id' is missing");
        assertRejected(with(good, "request.id", "not-an-id"), "request.id of the reply is not 32");
        assertRejected(with(good, "response.exception.message", 3), "'response.exception.message' is INT32");
        assertRejected(with(good, "retry.after", 3L), "'retry.after' is INT64");
        Payload noBody = Payload.builder().addInt("response.code", 200).addString("request.id", ID).build();
        assertRejected(noBody, "200 without a body");
    }

    @Test
    void theBuildersRefuseWhatTheAgentWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> ProvisionReply.error(200, ID, "no"));
        assertThrows(IllegalArgumentException.class, () -> ProvisionReply.error(202, ID, "no"));
        assertThrows(IllegalArgumentException.class, () -> ProvisionReply.accepted("ABC"));
        assertThrows(IllegalArgumentException.class, () -> ProvisionReply.accepted(ID).withRetryAfter(-1));
        assertThrows(IllegalArgumentException.class,
                () -> ProvisionReply.accepted(ID).withRetryAfter(Limits.MAX_RETRY_AFTER_SECONDS + 1));
        assertEquals("one line", ProvisionReply.error(500, ID, "one\nline").exceptionMessage().get().replace("  ", " "));
    }

    private static void assertRejected(Payload payload, String fragment) {
        MessageException e = assertThrows(MessageException.class, () -> ProvisionReply.fromPayload(payload));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
