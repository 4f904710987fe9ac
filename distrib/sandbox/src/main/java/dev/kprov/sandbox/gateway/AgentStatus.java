package dev.kprov.sandbox.gateway;

/**
 * One of the agent's status events ({@code dev/kprov/agent/STATE}, README.md "What the agent does"), as
 * plain Java values, with the time it reached the sandbox.
 *
 * @param error an error category, or empty
 * @param nextAttempt epoch ms of the next attempt, 0 when none is scheduled
 * @param receivedNanos {@link System#nanoTime()} when it arrived
 */
public record AgentStatus(String state, int attempt, String requestId, String error, String message,
        long nextAttempt, long receivedNanos) {

    /** PROVISIONED, FAILED or MISCONFIGURED: the agent does nothing more until its configuration changes. */
    public boolean isFinal() {
        return state.equals("PROVISIONED") || state.equals("FAILED") || state.equals("MISCONFIGURED");
    }

    public boolean hasError() {
        return !error.isEmpty();
    }
}
