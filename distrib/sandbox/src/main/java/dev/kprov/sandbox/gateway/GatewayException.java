package dev.kprov.sandbox.gateway;

/** An emulated gateway could not be started or driven; the message says which step and why. */
public final class GatewayException extends Exception {

    private static final long serialVersionUID = 1L;

    public GatewayException(String message) {
        super(message);
    }

    public GatewayException(String message, Throwable cause) {
        super(message, cause);
    }
}
