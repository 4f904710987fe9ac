package dev.kprov.emulator.data;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.data.DataTransportService;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.listener.DataServiceListener;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the transport connected when {@code connect.auto-on-startup} is on, and turns the transport's events
 * into the DataService's. Everything runs on one thread, {@value #THREAD_NAME}: connection attempts (which
 * block up to the transport's timeout), retries, which are scheduled tasks every
 * {@code connect.retry-interval} seconds, never sleeps, and every DataServiceListener call.
 * <ul>
 * <li>Auto-connect on: an attempt right after activation, a configuration change of either component, and a
 * lost connection; then one every retry interval until connected.</li>
 * <li>{@code disconnect()} pauses that until the next {@code connect()} or configuration change, as Kura's
 * DataService.</li>
 * <li>Auto-connect off: nothing happens by itself, except reconnecting once after a transport configuration
 * change that closed a connection.</li>
 * </ul>
 */
final class ConnectionKeeper implements DataTransportListener {

    static final String THREAD_NAME = "kprov-emulator-data";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionKeeper.class);

    private final String pid;
    private final DataTransportService transport;
    private final DataServiceListeners listeners;
    private final MessageStore store;
    private final Outbox outbox;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;
    private volatile boolean paused;
    /** The thread of an attempt in progress, interrupted on deactivation. */
    private volatile Thread attempting;
    /** Owned by the DataService's thread, like {@link #retry}. */
    private DataServiceOptions options;
    private ScheduledFuture<?> retry;

    ConnectionKeeper(String pid, DataTransportService transport, DataServiceListeners listeners, MessageStore store,
            DataServiceOptions options) {
        this.pid = pid;
        this.transport = transport;
        this.listeners = listeners;
        this.store = store;
        this.options = options;
        this.outbox = new Outbox(pid, transport, store, listeners);
        this.executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /** Listens to the transport and, with auto-connect on, starts connecting. */
    void start() {
        transport.addDataTransportListener(this);
        run(this::attempt);
    }

    void reconfigure(DataServiceOptions next) {
        run(() -> {
            options = next;
            store.limits(next.storeCapacity, next.maxPayloadSize);
            paused = false;
            cancelRetry();
            attempt();
        });
    }

    /** Connects on the caller's thread; joins an attempt of the keeper in progress. */
    void connect() throws KuraConnectException {
        paused = false;
        try {
            if (!transport.isConnected()) {
                transport.connect();
            }
        } catch (IllegalStateException alreadyConnected) {
            if (!transport.isConnected()) {
                throw alreadyConnected;
            }
        } catch (KuraConnectException e) {
            run(this::retryLater);
            throw e;
        }
    }

    void disconnect(long quiesceMillis) {
        paused = true;
        run(this::cancelRetry);
        transport.disconnect(quiesceMillis);
    }

    void publishSoon() {
        run(outbox::drain);
    }

    /** Deactivation: gives up an attempt in progress, disconnects on the keeper's thread, then ends it. */
    void close(long quiesceMillis) {
        closed = true;
        transport.removeDataTransportListener(this);
        Thread running = attempting;
        if (running != null) {
            running.interrupt();
        }
        run(() -> {
            cancelRetry();
            transport.disconnect(quiesceMillis);
        });
        executor.shutdown();
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: unexpected failure on the DataService's thread", pid, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: deactivated, task dropped", pid);
        }
    }

    private void attempt() {
        cancelRetry();
        if (closed || paused || !options.autoConnect || transport.isConnected()) {
            return;
        }
        attempting = Thread.currentThread();
        try {
            if (!closed) {
                transport.connect();
            }
        } catch (KuraConnectException e) {
            if (!closed) {
                LOG.info("{}: not connected ({}); next attempt in {} s", pid, e.getMessage(),
                        options.retryIntervalSeconds);
                retryLater();
            }
        } catch (IllegalStateException alreadyConnected) {
            LOG.debug("{}: connected meanwhile", pid);
        } catch (RuntimeException e) {
            LOG.warn("{}: connection attempt failed: {}; next attempt in {} s", pid, e.toString(),
                    options.retryIntervalSeconds);
            LOG.debug("{}: connection attempt failure", pid, e);
            retryLater();
        } finally {
            attempting = null;
        }
    }

    private void retryLater() {
        if (retry == null && !closed && !paused && options.autoConnect && !transport.isConnected()) {
            retry = executor.schedule(this::attempt, options.retryIntervalSeconds, TimeUnit.SECONDS);
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void connectOnce() {
        try {
            transport.connect();
        } catch (KuraConnectException | RuntimeException e) {
            LOG.warn("{}: reconnecting after the transport's configuration change failed: {}", pid, e.getMessage());
        }
    }

    @Override
    public void onConnectionEstablished(boolean newSession) {
        run(() -> {
            cancelRetry();
            store.newConnection(options.republishInFlight);
            listeners.tell("connection established", DataServiceListener::onConnectionEstablished);
            outbox.drain();
        });
    }

    @Override
    public void onDisconnecting() {
        run(() -> listeners.tell("disconnecting", DataServiceListener::onDisconnecting));
    }

    @Override
    public void onDisconnected() {
        run(() -> listeners.tell("disconnected", DataServiceListener::onDisconnected));
    }

    @Override
    public void onConfigurationUpdating(boolean wasConnected) {
        run(this::cancelRetry);
    }

    @Override
    public void onConfigurationUpdated(boolean wasConnected) {
        run(() -> {
            if (options.autoConnect) {
                paused = false;
                attempt();
            } else if (wasConnected && !paused && !closed) {
                connectOnce();
            }
        });
    }

    @Override
    public void onConnectionLost(Throwable cause) {
        run(() -> {
            listeners.tell("connection lost", l -> l.onConnectionLost(cause));
            attempt();
        });
    }

    @Override
    public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained) {
        run(() -> listeners.tell("message arrived", l -> l.onMessageArrived(topic, payload, qos, retained)));
    }

    @Override
    public void onMessageConfirmed(DataTransportToken token) {
        run(() -> {
            outbox.confirmed(token);
            outbox.drain();
        });
    }

    @Override
    public String toString() {
        return "ConnectionKeeper[" + pid + "]";
    }
}
