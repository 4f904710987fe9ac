package dev.kprov.emulator.data.transport;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's listeners (added through the API or registered as services), told on one thread of
 * their own, {@value #THREAD_NAME}, in the order the events were posted. A listener may call back into
 * the transport, blocking calls included: nothing the transport waits for runs on this thread. A listener
 * that throws is logged and the others are still told.
 */
final class TransportListeners {

    static final String THREAD_NAME = "kprov-emulator-mqtt";
    private static final Logger LOG = LoggerFactory.getLogger(TransportListeners.class);

    private final String pid;
    private final Set<DataTransportListener> listeners = new CopyOnWriteArraySet<>();
    private final ExecutorService notifier;

    TransportListeners(String pid) {
        this.pid = pid;
        this.notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
    }

    void add(DataTransportListener listener) {
        listeners.add(listener);
    }

    void remove(DataTransportListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener, later and in order, on the notifier thread. */
    void post(String event, Consumer<DataTransportListener> call) {
        try {
            notifier.execute(() -> {
                for (DataTransportListener listener : listeners) {
                    try {
                        call.accept(listener);
                    } catch (RuntimeException e) {
                        LOG.warn("{}: a DataTransportListener failed on {}: {}", pid, event, e.toString());
                        LOG.debug("{}: DataTransportListener failure", pid, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: {} not told, the transport is deactivated", pid, event);
        }
    }

    /** Tells what was posted so far, then ends the notifier thread. */
    void close() {
        notifier.shutdown();
    }
}
