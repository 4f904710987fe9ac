package dev.kprov.agent.fsm;

/**
 * Where the provisioning agent stands. Every change goes through {@link Machine} on its owner thread.
 *
 * <pre>
 *                     configuration received or changed (from any state)
 *                                      |
 *         +----------------------------+-----------------------------+
 *         |                            |                             |
 *   enabled = false             provisioned = true          settings invalid
 *         v                            v                             v
 *     DISABLED                    PROVISIONED                  MISCONFIGURED
 *                                                         (names the setting; waits
 *         enabled, not provisioned, settings valid         for a configuration change)
 *                                      v
 *                                   WAITING
 *                         (until the next attempt is due)
 * </pre>
 *
 * DISABLED, PROVISIONED and MISCONFIGURED are idle: no thread, no connection, nothing scheduled.
 */
public enum State {
    DISABLED,
    MISCONFIGURED,
    WAITING,
    PROVISIONED;

    /** True when the agent holds no thread, no connection and no timer in this state. */
    public boolean isIdle() {
        return this != WAITING;
    }
}
