package org.eclipse.kura;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * {@link KuraException} with code {@link KuraErrorCode#PARTIAL_SUCCESS}: an operation on several items
 * failed for some of them; {@link #getCauses()} holds the individual failures.
 */
@ProviderType
public class KuraPartialSuccessException extends KuraException {

    private static final long serialVersionUID = 1L;

    private final List<Throwable> causes;

    public KuraPartialSuccessException(String message, List<Throwable> causes) {
        super(KuraErrorCode.PARTIAL_SUCCESS, message);
        this.causes = causes == null ? new ArrayList<Throwable>() : new ArrayList<Throwable>(causes);
    }

    public List<Throwable> getCauses() {
        return Collections.unmodifiableList(this.causes);
    }
}
