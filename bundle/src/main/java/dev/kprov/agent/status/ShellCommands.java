package dev.kprov.agent.status;

import java.time.Instant;
import java.util.function.Supplier;

import dev.kprov.agent.fsm.Status;

/**
 * The agent's Gogo shell commands, in scope {@value #SCOPE}: {@code kprov:status}, {@code kprov:retry} and
 * {@code kprov:reprovision}. Each returns one short text for the person at the console; none shows a secret.
 */
public final class ShellCommands {

    public static final String SCOPE = "kprov";
    public static final String[] FUNCTIONS = { "status", "retry", "reprovision" };

    /** Sets enabled = true and provisioned = false through ConfigurationService. */
    @FunctionalInterface
    public interface Reprovision {
        void run() throws Exception;
    }

    private final Supplier<Status> status;
    private final Runnable retry;
    private final Reprovision reprovision;

    public ShellCommands(Supplier<Status> status, Runnable retry, Reprovision reprovision) {
        this.status = status;
        this.retry = retry;
        this.reprovision = reprovision;
    }

    /** kprov:status: where the agent stands, why, and when it tries next. */
    public String status() {
        Status current = status.get();
        StringBuilder text = new StringBuilder("state: ").append(current.state());
        if (current.attempt() > 0) {
            text.append("\nattempt: ").append(current.attempt());
        }
        if (!current.requestId().isEmpty()) {
            text.append("\nrequest: ").append(current.requestId());
        }
        if (current.error() != null) {
            text.append("\nlast error: ").append(current.error()).append(": ").append(current.message());
        }
        if (current.nextAttemptAt() > 0) {
            text.append("\nnext attempt: ").append(Instant.ofEpochMilli(current.nextAttemptAt()));
        }
        return text.toString();
    }

    /** kprov:retry: the next attempt now, if one is waiting or the agent stopped after too many. */
    public String retry() {
        retry.run();
        return "asked for an attempt now (state was " + status.get().state() + "); kprov:status tells what follows";
    }

    /** kprov:reprovision: provision this gateway again. */
    public String reprovision() {
        try {
            reprovision.run();
            return "enabled = true and provisioned = false saved; provisioning starts again";
        } catch (Exception e) {
            return "cannot reprovision: " + e.getMessage();
        }
    }
}
