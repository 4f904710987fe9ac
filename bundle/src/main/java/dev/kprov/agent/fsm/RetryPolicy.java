package dev.kprov.agent.fsm;

import java.util.Random;

/**
 * Waits between attempts (PROTOCOL.md section 9): the first attempt after a random delay in
 * [0, min(retry-interval, 10 s)] so that a fleet powered up together does not arrive at once; each later
 * one after retry-interval +/-20 % uniform jitter, or after retry.after when the platform asked for longer.
 */
final class RetryPolicy {

    private static final long FIRST_ATTEMPT_SPREAD_MAX_MS = 10_000;
    private static final double JITTER = 0.2;

    private final Random random;

    RetryPolicy(Random random) {
        this.random = random;
    }

    long firstDelayMillis(int retryIntervalSeconds) {
        long spread = Math.min(retryIntervalSeconds * 1000L, FIRST_ATTEMPT_SPREAD_MAX_MS);
        return (long) (random.nextDouble() * (spread + 1));
    }

    long nextDelayMillis(int retryIntervalSeconds, long retryAfterMillis) {
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        long jittered = Math.round(retryIntervalSeconds * 1000L * factor);
        return Math.max(retryAfterMillis, jittered);
    }
}
