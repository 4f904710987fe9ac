package dev.kprov.platform.request;

/**
 * A provision request that cannot be used. The message names the field (or file key) and what is wrong
 * with it; it never quotes a password or an activation key.
 */
public final class InvalidRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
