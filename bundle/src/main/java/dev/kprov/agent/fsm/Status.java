package dev.kprov.agent.fsm;

/**
 * What the agent reports on each transition: the new state and, when it is stuck, the category and a
 * message for a person. Immutable; holds no secret.
 */
public final class Status {

    private final State state;
    private final ErrorCategory error;
    private final String message;

    Status(State state, ErrorCategory error, String message) {
        this.state = state;
        this.error = error;
        this.message = message;
    }

    public State state() {
        return state;
    }

    /** The category of the problem, or null when there is none. */
    public ErrorCategory error() {
        return error;
    }

    /** One line for a person, or the empty string. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return state + (error == null ? "" : " " + error + ": " + message);
    }
}
