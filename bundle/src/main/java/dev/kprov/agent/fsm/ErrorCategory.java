package dev.kprov.agent.fsm;

/** Why an attempt failed or the agent is stuck, in terms a person can act on. */
public enum ErrorCategory {
    /** A setting cannot be used; the message names it. Fix the configuration. */
    CONFIG_INVALID,
    /** The provision broker could not be reached (network, DNS, TLS handshake, connection lost). */
    BROKER_UNREACHABLE,
    /** The provision broker refused the credentials (no provision request matches them yet). */
    BROKER_REFUSED,
    /** No answer in time: CONNACK, SUBACK, PUBACK or the platform's final reply. */
    TIMEOUT,
    /** The platform answered with an error code (403, 404, 410, 429, ...); the message has it. */
    PLATFORM_REJECTED,
    /** The reply or its package is malformed, out of bounds, or for another request or client. */
    INVALID_REPLY,
    /** The package's signature does not verify, or uses a weak digest or algorithm. */
    SIGNATURE_INVALID,
    /** The signer's chain breaks the signer policy or does not lead to a trusted CA. */
    UNTRUSTED_CHAIN,
    /** A certificate is not valid at the gateway's current time: check the gateway's clock. */
    CLOCK,
    /** Applying the package failed; everything was rolled back. */
    APPLY_FAILED,
    /** The account broker did not accept the new connection in time; everything was rolled back. */
    ACCOUNT_CONNECT_FAILED
}
