package dev.kprov.agent.fsm;

/**
 * What the agent reports on each transition: the new state, the attempt it belongs to, and, when the
 * last attempt failed, the category and a message for a person. Immutable; holds no secret.
 */
public final class Status {

    private final State state;
    private final int attempt;
    private final String requestId;
    private final ErrorCategory error;
    private final String message;
    private final long nextAttemptAt;

    Status(State state, int attempt, String requestId, ErrorCategory error, String message, long nextAttemptAt) {
        this.state = state;
        this.attempt = attempt;
        this.requestId = requestId;
        this.error = error;
        this.message = message;
        this.nextAttemptAt = nextAttemptAt;
    }

    public State state() {
        return state;
    }

    /** The number of the attempt in flight or last made since the configuration changed; 0 before the first. */
    public int attempt() {
        return attempt;
    }

    /** The request id of the attempt in flight, or the empty string. */
    public String requestId() {
        return requestId;
    }

    /** The category of the last failure, or null when there is none. */
    public ErrorCategory error() {
        return error;
    }

    /** One line for a person, or the empty string. */
    public String message() {
        return message;
    }

    /** When the next attempt starts (epoch ms), or 0 when none is scheduled. */
    public long nextAttemptAt() {
        return nextAttemptAt;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(state.name());
        if (attempt > 0) {
            text.append(" attempt ").append(attempt);
        }
        if (error != null) {
            text.append(' ').append(error).append(": ").append(message);
        }
        return text.toString();
    }
}
