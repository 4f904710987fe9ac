package dev.kprov.agent.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A progress notification (PROTOCOL.md section 8.1), published best effort while the agent is still on the
 * provision broker.
 */
public final class Notification {

    public static final String REQUEST_ID = "request.id";
    public static final String STATUS = "status";
    public static final String EXCEPTION_MESSAGE = "response.exception.message";

    /** The Everyware Cloud provision-job words. */
    public enum Status {
        APPS_INSTALLING,
        APPS_INSTALLED,
        CONF_UPDATING,
        CONF_UPDATED,
        FAILED
    }

    private final String requestId;
    private final Status status;
    private final String message;

    private Notification(String requestId, Status status, String message) {
        if (!ProvisionRequest.isValidRequestId(Objects.requireNonNull(requestId, "requestId"))) {
            throw new IllegalArgumentException("request id is not 32 lower-case hex digits");
        }
        this.requestId = requestId;
        this.status = Objects.requireNonNull(status, "status");
        this.message = message;
    }

    public static Notification of(String requestId, Status status) {
        return new Notification(requestId, status, null);
    }

    /**
     * A {@code FAILED} notification with a message for a person, kept to one line of at most
     * {@link Limits#MAX_EXCEPTION_MESSAGE_CHARS} characters. It must not hold a secret.
     */
    public static Notification failed(String requestId, String message) {
        String line = Text.oneLine(Objects.requireNonNull(message, "message"), Limits.MAX_EXCEPTION_MESSAGE_CHARS);
        return new Notification(requestId, Status.FAILED, line);
    }

    /**
     * Reads a notification as the platform receives it.
     *
     * @throws MessageException for a missing or mistyped metric, a malformed request id or an unknown status
     */
    public static Notification fromPayload(Payload payload) throws MessageException {
        String requestId = payload.requiredString(REQUEST_ID);
        if (!ProvisionRequest.isValidRequestId(requestId)) {
            throw new MessageException(REQUEST_ID + " of the notification is not 32 lower-case hex digits");
        }
        String word = payload.requiredString(STATUS);
        Status status = null;
        for (Status candidate : Status.values()) {
            if (candidate.name().equals(word)) {
                status = candidate;
            }
        }
        if (status == null) {
            throw new MessageException(STATUS + " " + Text.quote(word) + " is not one of the words of section 8.1");
        }
        Optional<String> message = payload.optionalString(EXCEPTION_MESSAGE);
        return new Notification(requestId, status,
                message.isPresent() ? Text.oneLine(message.get(), Limits.MAX_EXCEPTION_MESSAGE_CHARS) : null);
    }

    public String requestId() {
        return requestId;
    }

    public Status status() {
        return status;
    }

    public Optional<String> exceptionMessage() {
        return Optional.ofNullable(message);
    }

    public Payload toPayload() {
        Payload.Builder payload = Payload.builder().addString(REQUEST_ID, requestId).addString(STATUS, status.name());
        if (message != null) {
            payload.addString(EXCEPTION_MESSAGE, message);
        }
        return payload.build();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Notification)) {
            return false;
        }
        Notification that = (Notification) other;
        return requestId.equals(that.requestId) && status == that.status && Objects.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, status, message);
    }

    @Override
    public String toString() {
        return "Notification[request.id=" + requestId + ", status=" + status
                + (message == null ? "" : ", message: " + message) + "]";
    }
}
