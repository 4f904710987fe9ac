package dev.kprov.agent.message;

/**
 * A message that does not follow PROTOCOL.md: malformed, past a bound, or missing what it must carry. The
 * message names what is wrong (a metric, a field, a bound) and never quotes a metric's value.
 */
public final class MessageException extends Exception {

    private static final long serialVersionUID = 1L;

    public MessageException(String message) {
        super(message);
    }

    public MessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
