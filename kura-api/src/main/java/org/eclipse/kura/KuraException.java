package org.eclipse.kura;

import java.util.Arrays;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checked exception of the Kura API, carrying a {@link KuraErrorCode} and message arguments.
 * <p>
 * Real Kura resolves the message text from a resource bundle; this reproduction builds it from the
 * code name and the arguments.
 */
@ProviderType
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;
    private final Object[] arguments;

    public KuraException(KuraErrorCode code) {
        this(code, (Throwable) null, new Object[0]);
    }

    public KuraException(KuraErrorCode code, Object... arguments) {
        this(code, null, arguments);
    }

    public KuraException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments == null ? new Object[0] : arguments.clone();
    }

    @SuppressWarnings("deprecation")
    public static KuraException internalError(String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, (Throwable) null, message);
    }

    @SuppressWarnings("deprecation")
    public static KuraException internalError(Throwable cause) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, new Object[0]);
    }

    @SuppressWarnings("deprecation")
    public static KuraException internalError(Throwable cause, String message) {
        return new KuraException(KuraErrorCode.INTERNAL_ERROR, cause, message);
    }

    public KuraErrorCode getCode() {
        return this.code;
    }

    @Override
    public String getLocalizedMessage() {
        return getMessage();
    }

    @Override
    public String getMessage() {
        return buildMessage(this.code, this.arguments);
    }

    static String buildMessage(KuraErrorCode code, Object[] arguments) {
        StringBuilder sb = new StringBuilder(String.valueOf(code));
        if (arguments != null && arguments.length > 0) {
            sb.append(": ");
            if (arguments.length == 1) {
                sb.append(arguments[0]);
            } else {
                sb.append(Arrays.toString(arguments));
            }
        }
        return sb.toString();
    }
}
