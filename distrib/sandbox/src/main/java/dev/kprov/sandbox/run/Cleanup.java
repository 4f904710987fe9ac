package dev.kprov.sandbox.run;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run has started, closed in reverse order once: at the end of the run, or by the shutdown hook
 * when a person interrupts it (Ctrl-C), so that frameworks stop and ports close either way.
 */
final class Cleanup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T closeable) {
        started.push(closeable);
        return closeable;
    }

    /** Closes everything added, last first; a failure to close one does not keep the others open. */
    @Override
    public void close() {
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                return;
            }
            long start = System.nanoTime();
            try {
                next.close();
                LOG.info("closed {} in {} ms", next, (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", next, e.toString());
            }
        }
    }
}
