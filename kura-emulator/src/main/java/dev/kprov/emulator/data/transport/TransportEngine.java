package dev.kprov.emulator.data.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.transport.listener.DataTransportListener;
import org.eclipse.kura.ssl.SslManagerService;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's connection life cycle ({@link TransportState}). State changes happen under this object's
 * lock, held briefly and never while waiting or calling Paho; blocking calls ({@link #connect()},
 * {@link #disconnect(long)}) wait outside it for futures that Paho's threads complete. Listeners are told
 * through {@link TransportListeners}, in the order of the changes. Messaging is in {@link TransportMessaging}.
 */
final class TransportEngine implements PahoConnection.Events {

    private static final Logger LOG = LoggerFactory.getLogger(TransportEngine.class);
    /** Added to the configured timeout when waiting for Paho, which enforces that timeout itself. */
    private static final long WAIT_MARGIN_MILLIS = 2000;

    private final String pid;
    private final TransportListeners listeners;
    private final Supplier<SslManagerService> sslManager;

    private TransportState state = TransportState.DISCONNECTED;
    private TransportOptions options;
    /** The client from CONNECTING until DISCONNECTED. */
    private PahoConnection connection;
    /** While CONNECTING: the outcome every caller of connect() waits for. */
    private CompletableFuture<Boolean> attempt;

    TransportEngine(String pid, TransportOptions options, TransportListeners listeners,
            Supplier<SslManagerService> sslManager) {
        this.pid = pid;
        this.options = options;
        this.listeners = listeners;
        this.sslManager = sslManager;
    }

    /** The one place that changes state. Holds the lock. */
    private void transition(TransportState to) {
        LOG.info("{}: {} -> {}", pid, state, to);
        state = to;
    }

    synchronized boolean isConnected() {
        return state == TransportState.CONNECTED;
    }

    synchronized TransportOptions options() {
        return options;
    }

    /** The connection when CONNECTED, else null. */
    synchronized PahoConnection connection() {
        return state == TransportState.CONNECTED ? connection : null;
    }

    /**
     * Connects with the current configuration, waiting up to its {@code timeout}; joins an attempt already
     * in progress.
     *
     * @throws IllegalStateException when already connected, as Kura's transport
     * @throws KuraConnectException saying why: refused credentials, TLS, unreachable, no answer, configuration
     */
    void connect() throws KuraConnectException {
        PahoConnection started = null;
        PahoConnection joined;
        CompletableFuture<Boolean> outcome;
        synchronized (this) {
            switch (state) {
            case CLOSED:
                throw new KuraConnectException(pid + " is deactivated");
            case CONNECTED:
                throw new IllegalStateException(pid + " is already connected to " + connection.options.broker);
            case DISCONNECTING:
                throw new KuraConnectException(pid + " is disconnecting from " + connection.options.broker
                        + ": connect again once that is over");
            case CONNECTING:
                joined = connection;
                outcome = attempt;
                break;
            default:
                if (options.problem() != null) {
                    throw new KuraConnectException(pid + " cannot connect, its configuration is invalid: "
                            + options.problem());
                }
                try {
                    started = PahoConnection.create(options, this);
                } catch (MqttException | RuntimeException e) {
                    throw new KuraConnectException(e, "cannot create an MQTT client for " + options.broker + ": "
                            + ConnectFailures.describe(e));
                }
                PahoConnection c = started;
                joined = c;
                connection = c;
                outcome = c.connected().handle((present, failure) -> settle(c, present, failure));
                attempt = outcome;
                transition(TransportState.CONNECTING);
                LOG.info("{}: connecting to {} as '{}', client id '{}'", pid, options.broker, options.username,
                        options.clientId);
            }
        }
        if (started != null) {
            start(started);
        }
        await(joined, outcome);
    }

    private void start(PahoConnection c) {
        try {
            c.start(c.options.broker.tls() ? TlsSockets.of(sslManager.get(), c.options) : null);
        } catch (ConnectFailures.Abandoned e) {
            c.abandon(e.getMessage());
        }
    }

    private static void await(PahoConnection c, CompletableFuture<Boolean> outcome) throws KuraConnectException {
        try {
            outcome.get(c.options.timeoutSeconds * 1000L + WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KuraConnectException) {
                throw (KuraConnectException) cause;
            }
            throw ConnectFailures.toException(c.options, cause);
        } catch (TimeoutException e) {
            c.abandon("no CONNACK within " + c.options.timeoutSeconds + " s");
            throw ConnectFailures.toException(c.options, new ConnectFailures.Abandoned("no CONNACK within "
                    + c.options.timeoutSeconds + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.abandon("the connecting thread was interrupted");
            throw new KuraConnectException(e, "interrupted while connecting to " + c.options.broker);
        }
    }

    /** Paho's answer to CONNECT (or the attempt given up): on whichever thread completed it. */
    private Boolean settle(PahoConnection c, Boolean present, Throwable failure) {
        synchronized (this) {
            if (connection == c && state == TransportState.CONNECTING) {
                attempt = null;
                if (failure == null) {
                    transition(TransportState.CONNECTED);
                    boolean newSession = !Boolean.TRUE.equals(present);
                    listeners.post("connection established", l -> l.onConnectionEstablished(newSession));
                    return present;
                }
                connection = null;
                transition(TransportState.DISCONNECTED);
                LOG.info("{}: {}", pid, ConnectFailures.describe(c.options, failure));
                LOG.debug("{}: connect failure", pid, failure);
            }
        }
        c.releaseSoon();
        Throwable why = failure != null ? failure
                : new ConnectFailures.Abandoned("the attempt was given up (disconnect, update or deactivation)");
        throw new CompletionException(ConnectFailures.toException(c.options, why));
    }

    /**
     * Sends DISCONNECT, waiting for it up to {@code quiesceMillis} plus the configured timeout; gives up a
     * connection attempt in progress; nothing when disconnected.
     */
    void disconnect(long quiesceMillis) {
        PahoConnection c;
        synchronized (this) {
            if (state == TransportState.CONNECTING) {
                connection.abandon("disconnect() was called");
                return;
            }
            if (state != TransportState.CONNECTED) {
                LOG.info("{}: already disconnected", pid);
                return;
            }
            c = beginDisconnect();
        }
        long quiesce = Math.max(0, quiesceMillis);
        CompletableFuture<Void> done = c.disconnect(quiesce).whenComplete((v, t) -> endDisconnect(c, null));
        try {
            done.get(quiesce + c.options.timeoutSeconds * 1000L + WAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{}: DISCONNECT did not complete", pid, e);
        }
    }

    /** CONNECTED to DISCONNECTING. Holds the lock. */
    private PahoConnection beginDisconnect() {
        transition(TransportState.DISCONNECTING);
        listeners.post("disconnecting", DataTransportListener::onDisconnecting);
        return connection;
    }

    private void endDisconnect(PahoConnection c, Runnable thenTell) {
        synchronized (this) {
            if (connection == c) {
                connection = null;
                if (state == TransportState.DISCONNECTING) {
                    transition(TransportState.DISCONNECTED);
                }
            }
            listeners.post("disconnected", DataTransportListener::onDisconnected);
            if (thenTell != null) {
                thenTell.run();
            }
        }
    }

    /**
     * Applies a new configuration without blocking, as Kura's transport: listeners are told
     * {@code onConfigurationUpdating(wasConnected)}, then {@code onConfigurationUpdated(wasConnected)}. Unlike
     * Kura's, a connection made with the old configuration does not survive: it is closed (or its attempt
     * given up) first, so that reconnecting, which is the DataService's part, uses the new one.
     */
    void reconfigure(TransportOptions next) {
        PahoConnection c = null;
        boolean wasConnected;
        synchronized (this) {
            if (state == TransportState.CLOSED) {
                next.wipe();
                return;
            }
            wasConnected = state == TransportState.CONNECTED;
            LOG.info("{}: configuration updated{}", pid, wasConnected ? ", disconnecting to apply it" : "");
            listeners.post("configuration updating", l -> l.onConfigurationUpdating(wasConnected));
            if (state == TransportState.CONNECTING) {
                connection.abandon("the configuration changed");
            } else if (wasConnected) {
                c = beginDisconnect();
            }
            options.wipe();
            options = next;
            if (c == null) {
                listeners.post("configuration updated", l -> l.onConfigurationUpdated(wasConnected));
            }
        }
        if (c != null) {
            PahoConnection old = c;
            c.disconnect(0).whenComplete((v, t) -> endDisconnect(old,
                    () -> listeners.post("configuration updated", l -> l.onConfigurationUpdated(wasConnected))));
        }
    }

    /** Deactivation: sends DISCONNECT without waiting for it, then ends the listeners' thread. */
    void close() {
        PahoConnection c = null;
        synchronized (this) {
            if (state == TransportState.CLOSED) {
                return;
            }
            if (state == TransportState.CONNECTING) {
                connection.abandon("the transport was deactivated");
            } else if (state == TransportState.CONNECTED) {
                c = beginDisconnect();
            }
            transition(TransportState.CLOSED);
            options.wipe();
        }
        if (c == null) {
            listeners.close();
        } else {
            PahoConnection last = c;
            c.disconnect(0).whenComplete((v, t) -> {
                endDisconnect(last, null);
                listeners.close();
            });
        }
    }

    @Override
    public void lost(PahoConnection c, Throwable cause) {
        synchronized (this) {
            if (connection != c || state != TransportState.CONNECTED) {
                return;
            }
            connection = null;
            transition(TransportState.DISCONNECTED);
            LOG.warn("{}: connection to {} lost: {}", pid, c.options.broker, ConnectFailures.describe(cause));
            listeners.post("connection lost", l -> l.onConnectionLost(cause));
        }
        c.releaseSoon();
    }

    @Override
    public void arrived(PahoConnection c, String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        int qos = message.getQos();
        boolean retained = message.isRetained();
        synchronized (this) {
            if (connection == c) {
                listeners.post("message arrived", l -> l.onMessageArrived(topic, payload.clone(), qos, retained));
            }
        }
    }

    @Override
    public void confirmed(PahoConnection c, int messageId) {
        DataTransportToken token = new DataTransportToken(messageId, c.options.sessionId());
        synchronized (this) {
            listeners.post("message confirmed", l -> l.onMessageConfirmed(token));
        }
    }

    @Override
    public String toString() {
        return "TransportEngine[" + pid + "]";
    }
}
