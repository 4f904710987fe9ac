package dev.kprov.agent.fsm;

/** A step of an attempt could not be done; the category and message go to the status. */
public final class AttemptFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    public AttemptFailure(ErrorCategory category, String message) {
        super(message);
        this.category = category;
    }

    public ErrorCategory category() {
        return category;
    }
}
