package dev.kprov.platform.pki;

/**
 * Keys or certificates that cannot be read, generated or used. The message names the file or the
 * property that is wrong; it never contains key material or a password.
 */
public final class KeyMaterialException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
