package dev.kprov.bench.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.State;
import dev.kprov.agent.fsm.Status;

/**
 * One simulated gateway of {@code faults}: its in-memory Kura services, its journal, what its provisioning
 * must leave on it, and every status its agent reported, with the time. After each failed attempt it
 * checks, on the agent's thread, that the gateway is still exactly as before the run (nothing half-applied).
 */
final class FaultDevice {

    /** One reported status and when (System.nanoTime). */
    record Seen(long at, State state, int attempt, ErrorCategory error, String message) {
    }

    /** One random number the agent drew for a wait, and when (System.nanoTime). */
    record Draw(long at, double value) {
    }

    final String clientId;
    final InMemoryGateway gateway = new InMemoryGateway();
    final Path journal;
    /** The configurations a successful run leaves, by PID. */
    final Map<String, Map<String, Object>> expected;
    private final Map<String, Map<String, Object>> before;
    private final List<Seen> seen = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Draw> draws = new ArrayList<>();
    private final CountDownLatch ended;
    private boolean counted;

    FaultDevice(String clientId, Path journal, Map<String, Map<String, Object>> expected, CountDownLatch ended) {
        this.clientId = clientId;
        this.journal = journal;
        this.expected = expected;
        this.before = gateway.configurations();
        this.ended = ended;
    }

    /** On the agent's owner thread. */
    void observe(Status status) {
        Seen now = new Seen(System.nanoTime(), status.state(), status.attempt(), status.error(), status.message());
        synchronized (this) {
            seen.add(now);
            if (status.state() == State.WAITING && status.error() != null) {
                checkUntouched(status);
            }
        }
        boolean end = status.state() == State.PROVISIONED || status.state() == State.FAILED
                || status.state() == State.MISCONFIGURED;
        synchronized (this) {
            if (!end || counted) {
                return;
            }
            counted = true;
        }
        ended.countDown();
    }

    /** A failed attempt changed nothing, or rolled all of it back (PROTOCOL.md section 8, step 12). */
    private void checkUntouched(Status status) {
        String what = "after failed attempt " + (status.attempt() - 1) + " (" + status.error() + ")";
        if (!gateway.configurations().equals(before)) {
            problems.add(what + ": configurations changed: " + gateway.configurations().keySet());
        }
        if (!gateway.truststore().isEmpty()) {
            problems.add(what + ": " + gateway.truststore().size() + " certificates left in the truststore");
        }
        if (gateway.markedProvisioned() > 0) {
            problems.add(what + ": the gateway is marked provisioned");
        }
        if (Files.exists(journal)) {
            problems.add(what + ": the journal is still there");
        }
    }

    /**
     * The agent's source of jitter (MachineParts' random, which only its retry policy uses), recording when
     * each wait is drawn: that is after the failure it follows and before the wait is scheduled, so the time
     * from a draw to the next CONNECTING is never shorter than the wait the agent really made.
     */
    Random jitter(long seed) {
        return new Random(seed) {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                double value = super.nextDouble();
                synchronized (FaultDevice.this) {
                    draws.add(new Draw(System.nanoTime(), value));
                }
                return value;
            }
        };
    }

    synchronized List<Draw> draws() {
        return new ArrayList<>(draws);
    }

    synchronized List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }
}
