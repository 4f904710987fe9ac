package dev.kprov.agent.fsm;

/**
 * Applies a verified provisioning package to the gateway (PROTOCOL.md section 8, steps 5 to 11) and
 * reports the outcome through the listener, from any thread. A failure must leave the gateway as it was.
 */
public interface ApplyPort {

    /**
     * @param link the provision-broker connection, for notifications and step 9
     * @param timeoutSeconds how long the account broker may take to accept the connection (step 10)
     */
    void apply(VerifiedPackage verified, ProvisionLink link, int timeoutSeconds, Listener listener);

    /** Outcome of {@link ApplyPort#apply}. Implementations only enqueue. */
    interface Listener {
        void applied();

        void failed(ErrorCategory category, String message);
    }
}
