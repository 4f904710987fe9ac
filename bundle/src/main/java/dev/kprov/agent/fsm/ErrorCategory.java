package dev.kprov.agent.fsm;

/** Why the agent is not making progress, in terms a person can act on. */
public enum ErrorCategory {
    /** A setting cannot be used; the status message names it. Fix the configuration. */
    CONFIG_INVALID
}
