package dev.kprov.platform;

/**
 * The platform cannot start: bad options, key material that cannot be read, a port in use, a broker
 * that refuses the responder. The message says which; it never holds a secret.
 */
public final class PlatformException extends Exception {

    private static final long serialVersionUID = 1L;

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
