package org.eclipse.kura;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@link KuraException} with code {@link KuraErrorCode#IO_ERROR}.
 *
 * @since 2.2
 */
@ProviderType
public class KuraIOException extends KuraException {

    private static final long serialVersionUID = 1L;

    public KuraIOException(Object argument) {
        super(KuraErrorCode.IO_ERROR, argument);
    }

    public KuraIOException(Throwable cause, Object argument) {
        super(KuraErrorCode.IO_ERROR, cause, argument);
    }
}
