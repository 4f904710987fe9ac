package dev.kprov.agent.message;

/**
 * The bounds of PROTOCOL.md section 7, and the few this package adds where the protocol only says
 * "bounded". Everything read from the wire is checked against them before any work is done on it.
 */
public final class Limits {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /** A reply payload as it arrives on the wire, compressed or not. */
    public static final int MAX_WIRE_BYTES = 16 * MIB;
    /** A payload after gzip inflation, and the signed content of a provisioning package. */
    public static final int MAX_INFLATED_BYTES = 32 * MIB;
    /** Metrics in one payload. */
    public static final int MAX_METRICS = 1000;
    /** Applications in one provisioning package. */
    public static final int MAX_APPLICATIONS = 9;
    /** One application's deployment package. */
    public static final int MAX_APPLICATION_BYTES = 8 * MIB;
    /** The configuration snapshot XML. */
    public static final int MAX_CONFIGURATION_BYTES = 1 * MIB;
    /** Configurations in the configuration XML (enforced by its parser). */
    public static final int MAX_CONFIGURATIONS = 500;
    /** Properties in the configuration XML, all configurations together (enforced by its parser). */
    public static final int MAX_PROPERTIES = 10_000;
    /** Certificates in the CMS certificate set, and in {@code ssl.ca.certificates}. */
    public static final int MAX_CERTIFICATES = 10;
    /** The {@code ssl.ca.certificates} PEM bundle, in characters (not fixed by the protocol). */
    public static final int MAX_SSL_CA_CERTIFICATES_CHARS = 64 * KIB;
    /** A {@code response.exception.message} once read: one line of at most this many characters. */
    public static final int MAX_EXCEPTION_MESSAGE_CHARS = 1024;
    /** The longest {@code retry.after} honoured, in seconds; a longer one is read as this. */
    public static final int MAX_RETRY_AFTER_SECONDS = 86_400;
    /** Nesting of unknown protobuf groups that the decoder skips (protobuf's own default limit). */
    public static final int MAX_GROUP_DEPTH = 100;

    private Limits() {
    }
}
