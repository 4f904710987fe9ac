package dev.kprov.agent.fsm;

import dev.kprov.agent.component.Options;
import dev.kprov.agent.message.Notification;

/**
 * The protocol's messages, as the machine needs them: a new request per attempt, and the verdict on
 * each message that arrives while it is in flight (PROTOCOL.md sections 4 to 8, steps 1 to 4).
 */
public interface Exchange {

    /** Does once, ahead of the first attempt, the slow set-up that verifying would otherwise pay for. */
    default void prepare() {
    }

    /** A provision request with a fresh request id, and the topics of its exchange. */
    OutgoingRequest newRequest(Options options) throws AttemptFailure;

    /**
     * What a message on the reply subscription means for the request in flight: IGNORE, WAIT, FAILED, or
     * PACKAGE for a 200 whose package is to be verified. Never throws.
     */
    ReplyOutcome onMessage(String topic, byte[] payload, OutgoingRequest request);

    /** A progress notification of the request in flight (PROTOCOL.md 8.1), encoded. */
    byte[] notification(OutgoingRequest request, Notification.Status status, String message);

    /** Verifies the package of a 200 reply (PROTOCOL.md section 8, steps 2 to 4): VERIFIED or FAILED. Never throws. */
    ReplyOutcome verify(byte[] signedPackage, OutgoingRequest request, Options options);

    /** A request as published: its id, where it goes, where its replies come from, and its bytes. */
    final class OutgoingRequest {

        private final String requestId;
        private final String topic;
        private final String replySubscription;
        private final String replyTopic;
        private final String notifyTopic;
        private final byte[] payload;

        public OutgoingRequest(String requestId, String topic, String replySubscription, String replyTopic,
                String notifyTopic, byte[] payload) {
            this.notifyTopic = notifyTopic;
            this.requestId = requestId;
            this.topic = topic;
            this.replySubscription = replySubscription;
            this.replyTopic = replyTopic;
            this.payload = payload;
        }

        public String requestId() {
            return requestId;
        }

        public String topic() {
            return topic;
        }

        public String replySubscription() {
            return replySubscription;
        }

        /** The one topic the final reply to this request comes on. */
        public String replyTopic() {
            return replyTopic;
        }

        /** Where the agent's progress notifications for this request go (PROTOCOL.md 8.1). */
        public String notifyTopic() {
            return notifyTopic;
        }

        /** The encoded request; it may hold the activation key, so it is never logged. */
        byte[] payload() {
            return payload;
        }

        @Override
        public String toString() {
            return "request " + requestId;
        }
    }
}
