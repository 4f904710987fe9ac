package dev.kprov.agent.fsm;

/**
 * Where the provisioning agent stands. Every change goes through {@link Machine} on its owner thread
 * (PROTOCOL.md sections 4 and 9).
 *
 * <pre>
 *  (start) --a run cut short by a crash is in the journal--> RECOVERING --rolled back--> as below
 *
 *  configuration received or changed (from any state; an attempt in flight is aborted first)
 *     |-- provisioned = true -------------------------------------------> PROVISIONED
 *     |-- enabled = false ----------------------------------------------> DISABLED
 *     |-- a setting is invalid -----------------------------------------> MISCONFIGURED
 *     '-- otherwise: first attempt after a random delay ----------------> WAITING
 *
 *  WAITING --attempt due--> CONNECTING --CONNACK, SUBACK--> REQUESTING --PUBACK--> AWAITING_REPLY
 *                               |                               |                    |  202: keep waiting
 *                               |                               |                    |  other request id: ignore
 *                               |                               |                    v  final reply
 *                               |                               |                VERIFYING --valid--> APPLYING
 *                               |                               |                    |                   |
 *                               v                               v                    v                   |  done
 *                         any failure: close the session, count the attempt          |                   v
 *                               |-- attempts left: WAITING (retry-interval +/-20 %,  |              PROVISIONED
 *                               |                  or longer if retry.after says so) |
 *                               '-- retry-max-attempts reached ---------------------------------> FAILED
 * </pre>
 *
 * DISABLED, MISCONFIGURED, PROVISIONED and FAILED are idle: no thread, no connection, nothing scheduled;
 * only a configuration change leaves them.
 */
public enum State {
    RECOVERING,
    DISABLED,
    MISCONFIGURED,
    WAITING,
    CONNECTING,
    REQUESTING,
    AWAITING_REPLY,
    VERIFYING,
    APPLYING,
    PROVISIONED,
    FAILED;

    /** True when the agent holds no thread, no connection and no timer in this state. */
    public boolean isIdle() {
        return this == DISABLED || this == MISCONFIGURED || this == PROVISIONED || this == FAILED;
    }
}
