package dev.kprov.platform;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what Mosquitto's dynamic security confirmed (admitted, removed), for tests to wait on in order. */
final class AdmissionRecorder implements PlatformListener {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlockingQueue<String> applied = new LinkedBlockingQueue<>();

    @Override
    public void admissionApplied(String clientId, String username, boolean admitted) {
        applied.add((admitted ? "admitted " : "removed ") + clientId + " " + username);
    }

    /** Waits until Mosquitto admits {@code username} as {@code clientId}, skipping other confirmations. */
    void awaitAdmitted(String clientId, String username) throws InterruptedException {
        await("admitted " + clientId + " " + username);
    }

    /** Waits until Mosquitto no longer admits {@code username} as {@code clientId}. */
    void awaitRemoved(String clientId, String username) throws InterruptedException {
        await("removed " + clientId + " " + username);
    }

    private void await(String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String seen = applied.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (seen == null) {
                throw new AssertionError("Mosquitto did not confirm '" + wanted + "' within " + TIMEOUT);
            }
            if (seen.equals(wanted)) {
                return;
            }
        }
    }
}
