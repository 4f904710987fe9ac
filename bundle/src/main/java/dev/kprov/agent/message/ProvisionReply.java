package dev.kprov.agent.message;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A provision reply (PROTOCOL.md section 6): a response code, the request id it answers, and on errors a
 * one-line message, a {@code retry.after} and, for {@code 200}, the provisioning package as the body.
 */
public final class ProvisionReply {

    public static final String RESPONSE_CODE = "response.code";
    public static final String REQUEST_ID = "request.id";
    public static final String EXCEPTION_MESSAGE = "response.exception.message";
    public static final String RETRY_AFTER = "retry.after";

    /** The provisioning package is in the body. */
    public static final int OK = 200;
    /** Accepted, the package is not ready yet: keep waiting. */
    public static final int ACCEPTED = 202;
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int GONE = 410;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int PLATFORM_ERROR = 500;

    private final int responseCode;
    private final String requestId;
    private final String message;
    private final Integer retryAfter;
    private final byte[] body;

    private ProvisionReply(int responseCode, String requestId, String message, Integer retryAfter, byte[] body) {
        this.responseCode = responseCode;
        this.requestId = requestId;
        this.message = message;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    /** A {@code 200} reply carrying the provisioning package (a copy of {@code body}). */
    public static ProvisionReply ok(String requestId, byte[] body) {
        return new ProvisionReply(OK, checkRequestId(requestId), null, null, body.clone());
    }

    /** A {@code 202} reply: still working. */
    public static ProvisionReply accepted(String requestId) {
        return new ProvisionReply(ACCEPTED, checkRequestId(requestId), null, null, null);
    }

    /**
     * A failed attempt with a message for a person, kept to one line of at most
     * {@link Limits#MAX_EXCEPTION_MESSAGE_CHARS} characters.
     *
     * @throws IllegalArgumentException for code 200 or 202, which are not errors
     */
    public static ProvisionReply error(int code, String requestId, String message) {
        if (code == OK || code == ACCEPTED) {
            throw new IllegalArgumentException("response code " + code + " is not an error");
        }
        String line = Text.oneLine(Objects.requireNonNull(message, "message"), Limits.MAX_EXCEPTION_MESSAGE_CHARS);
        return new ProvisionReply(code, checkRequestId(requestId), line, null, null);
    }

    /**
     * This reply asking the agent to wait {@code seconds} before its next attempt.
     *
     * @throws IllegalArgumentException for a negative value or one above {@link Limits#MAX_RETRY_AFTER_SECONDS}
     */
    public ProvisionReply withRetryAfter(int seconds) {
        if (seconds < 0 || seconds > Limits.MAX_RETRY_AFTER_SECONDS) {
            throw new IllegalArgumentException("retry.after " + seconds + " is outside 0.."
                    + Limits.MAX_RETRY_AFTER_SECONDS);
        }
        return new ProvisionReply(responseCode, requestId, message, seconds, body);
    }

    /**
     * Reads a reply as the agent receives it. The message is reduced to one line of at most
     * {@link Limits#MAX_EXCEPTION_MESSAGE_CHARS} characters; a {@code retry.after} above
     * {@link Limits#MAX_RETRY_AFTER_SECONDS} is read as that bound.
     *
     * @throws MessageException for a missing or mistyped metric, a malformed {@code request.id}, a negative
     *             {@code retry.after}, or a {@code 200} without a body
     */
    public static ProvisionReply fromPayload(Payload payload) throws MessageException {
        int code = payload.requiredInt(RESPONSE_CODE);
        String requestId = payload.requiredString(REQUEST_ID);
        if (!ProvisionRequest.isValidRequestId(requestId)) {
            throw new MessageException(REQUEST_ID + " of the reply is not 32 lower-case hex digits");
        }
        Optional<String> message = payload.optionalString(EXCEPTION_MESSAGE);
        OptionalInt retry = payload.optionalInt(RETRY_AFTER);
        Integer retryAfter = null;
        if (retry.isPresent()) {
            if (retry.getAsInt() < 0) {
                throw new MessageException(RETRY_AFTER + " is negative");
            }
            retryAfter = Math.min(retry.getAsInt(), Limits.MAX_RETRY_AFTER_SECONDS);
        }
        byte[] body = payload.bodyView();
        if (code == OK && body == null) {
            throw new MessageException(RESPONSE_CODE + " 200 without a body (the provisioning package)");
        }
        String line = message.isPresent() ? Text.oneLine(message.get(), Limits.MAX_EXCEPTION_MESSAGE_CHARS) : null;
        // Payload never changes its body, so the reply shares it rather than copy up to 32 MiB.
        return new ProvisionReply(code, requestId, line, retryAfter, body);
    }

    public int responseCode() {
        return responseCode;
    }

    public String requestId() {
        return requestId;
    }

    /** The platform's one-line message, when it gave one. */
    public Optional<String> exceptionMessage() {
        return Optional.ofNullable(message);
    }

    /** Seconds the platform asks the agent to wait before its next attempt, when it asked. */
    public OptionalInt retryAfter() {
        return retryAfter == null ? OptionalInt.empty() : OptionalInt.of(retryAfter);
    }

    /** A copy of the body, when there is one. */
    public Optional<byte[]> body() {
        return body == null ? Optional.empty() : Optional.of(body.clone());
    }

    /** {@code 200}: the provisioning package is in the body. */
    public boolean isOk() {
        return responseCode == OK;
    }

    /** {@code 202}: keep waiting, same deadline. */
    public boolean isAccepted() {
        return responseCode == ACCEPTED;
    }

    /** Anything but {@code 202} ends the wait. */
    public boolean isFinal() {
        return responseCode != ACCEPTED;
    }

    /** A final reply other than {@code 200}: the attempt failed (any unknown code counts as 500). */
    public boolean isFailure() {
        return isFinal() && !isOk();
    }

    /** The reply as it goes on the wire. */
    public Payload toPayload() {
        Payload.Builder payload = Payload.builder().addInt(RESPONSE_CODE, responseCode).addString(REQUEST_ID, requestId);
        if (message != null) {
            payload.addString(EXCEPTION_MESSAGE, message);
        }
        if (retryAfter != null) {
            payload.addInt(RETRY_AFTER, retryAfter);
        }
        if (body != null) {
            payload.body(body);
        }
        return payload.build();
    }

    @Override
    public String toString() {
        return "ProvisionReply[response.code=" + responseCode + ", request.id=" + requestId
                + (retryAfter == null ? "" : ", retry.after=" + retryAfter)
                + (body == null ? "" : ", body " + body.length + " bytes")
                + (message == null ? "" : ", message: " + message) + "]";
    }

    private static String checkRequestId(String requestId) {
        if (!ProvisionRequest.isValidRequestId(Objects.requireNonNull(requestId, "requestId"))) {
            throw new IllegalArgumentException("request id is not 32 lower-case hex digits");
        }
        return requestId;
    }
}
