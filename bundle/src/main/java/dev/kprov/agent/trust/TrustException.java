package dev.kprov.agent.trust;

import java.util.Objects;

/**
 * A provisioning package or a certificate bundle that the gateway must not use, with the reason in one
 * line for a person. The {@link Kind} tells what to do about it (PROTOCOL.md sections 6.1, 7 and 8).
 * Messages name certificates by subject only, never by key material.
 */
public final class TrustException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the package was refused. */
    public enum Kind {
        /**
         * Not a package of the protocol's shape: not a CMS SignedData, not one signer, no attached id-data
         * content, a certificate set too large or without the signer, past a size bound; or a PEM bundle
         * that is not a bounded list of certificates. The sender must fix its output.
         */
        MALFORMED,
        /** The signature does not verify, or uses a digest or an algorithm the protocol refuses. */
        SIGNATURE_INVALID,
        /**
         * The signer or its chain breaks the signer policy, the chain is inconsistent, or (with
         * ca-authentication) it does not lead to a certificate authority the gateway trusts.
         */
        UNTRUSTED_CHAIN,
        /**
         * Refused only because of validity dates: a certificate expired or not yet valid at the gateway's
         * time or at the package's signing time. The message gives both, so a person can tell a gateway
         * clock that is behind from a certificate that expired.
         */
        CLOCK
    }

    private final Kind kind;

    public TrustException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TrustException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "TrustException " + kind + ": " + getMessage();
    }
}
