package org.eclipse.kura;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Unchecked counterpart of {@link KuraException}.
 */
@ProviderType
public class KuraRuntimeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final KuraErrorCode code;
    private final Object[] arguments;

    public KuraRuntimeException(KuraErrorCode code) {
        this(code, (Throwable) null, new Object[0]);
    }

    public KuraRuntimeException(KuraErrorCode code, Object... arguments) {
        this(code, null, arguments);
    }

    public KuraRuntimeException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(cause);
        this.code = code;
        this.arguments = arguments == null ? new Object[0] : arguments.clone();
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
        return KuraException.buildMessage(this.code, this.arguments);
    }
}
