package dev.kprov.agent.fsm;

/** The verdict on one message that arrived for the request in flight. */
public final class ReplyOutcome {

    /** What the machine does with the message. */
    public enum Kind {
        /** Not for this request (another request id, an old redelivery): ignored, logged at debug. */
        IGNORE,
        /** 202: the platform is still working; keep waiting on the same deadline. */
        WAIT,
        /** The attempt failed: {@link #error()} says why. */
        FAILED,
        /** A 200 reply: its signed package is to be verified next. */
        PACKAGE,
        /** A verified package, ready to apply. */
        VERIFIED
    }

    private final Kind kind;
    private final ErrorCategory error;
    private final String message;
    private final long retryAfterMillis;
    private final byte[] signedPackage;
    private final VerifiedPackage verified;

    private ReplyOutcome(Kind kind, ErrorCategory error, String message, long retryAfterMillis,
            byte[] signedPackage, VerifiedPackage verified) {
        this.kind = kind;
        this.error = error;
        this.message = message;
        this.retryAfterMillis = retryAfterMillis;
        this.signedPackage = signedPackage;
        this.verified = verified;
    }

    public static ReplyOutcome ignore(String why) {
        return new ReplyOutcome(Kind.IGNORE, null, why, 0, null, null);
    }

    public static ReplyOutcome waitMore() {
        return new ReplyOutcome(Kind.WAIT, null, "", 0, null, null);
    }

    public static ReplyOutcome failed(ErrorCategory error, String message) {
        return failed(error, message, 0);
    }

    public static ReplyOutcome failed(ErrorCategory error, String message, long retryAfterMillis) {
        return new ReplyOutcome(Kind.FAILED, error, message, retryAfterMillis, null, null);
    }

    public static ReplyOutcome signedPackage(byte[] signedPackage) {
        return new ReplyOutcome(Kind.PACKAGE, null, "", 0, signedPackage, null);
    }

    public static ReplyOutcome verified(VerifiedPackage verified) {
        return new ReplyOutcome(Kind.VERIFIED, null, "", 0, null, verified);
    }

    public Kind kind() {
        return kind;
    }

    public ErrorCategory error() {
        return error;
    }

    public String message() {
        return message;
    }

    /** How long the platform asked the agent to wait before its next attempt (429), or 0. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** The DER CMS SignedData of a 200 reply (kind PACKAGE). */
    public byte[] signedPackage() {
        return signedPackage;
    }

    public VerifiedPackage verified() {
        return verified;
    }

    @Override
    public String toString() {
        return kind + (error == null ? "" : " " + error + ": " + message);
    }
}
