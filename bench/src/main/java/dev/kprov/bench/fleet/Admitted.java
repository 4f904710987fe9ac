package dev.kprov.bench.fleet;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import dev.kprov.platform.PlatformListener;

/**
 * The user names Mosquitto's dynamic security admits now, as the platform hears its answers: a fleet on
 * Mosquitto enables its gateways only once every request's client exists there, as they would be on the
 * embedded broker, where adding a request admits it at once.
 */
final class Admitted implements PlatformListener {

    private final Set<String> usernames = new HashSet<>();

    @Override
    public synchronized void admissionApplied(String clientId, String username, boolean admitted) {
        if (admitted) {
            usernames.add(username);
            notifyAll();
        } else {
            usernames.remove(username);
        }
    }

    /** @return whether all of {@code wanted} were admitted within {@code timeout} */
    synchronized boolean await(Collection<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!usernames.containsAll(wanted)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
