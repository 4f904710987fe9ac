package dev.kprov.emulator.data.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho client, from CONNECT to its release, on an executor of its own ({@value #THREAD_NAME}) that
 * the release ends. Every Paho call is asynchronous; Paho's callbacks only hand over to {@link Events}.
 * MQTT 3.1.1 unless the configuration asks for 3.1, set explicitly so that Paho does not retry a refused
 * CONNECT with another version. In-flight messages are kept in memory ({@code in-flight.persistence=file}
 * is accepted and kept in memory too: the emulator leaves no files behind).
 */
final class PahoConnection {

    static final String THREAD_NAME = "kprov-emulator-paho";

    /** What the connection reports; called on Paho's threads, so implementations only hand over. */
    interface Events {
        void lost(PahoConnection connection, Throwable cause);

        void arrived(PahoConnection connection, String topic, MqttMessage message);

        void confirmed(PahoConnection connection, int messageId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PahoConnection.class);
    /** Paho's receiver, sender and callback loops, the keep-alive timer, and one for connect, release and wake-ups. */
    private static final int PAHO_THREADS = 5;
    /**
     * How long a given-up CONNECT is left to Paho before its socket is closed. Paho 1.2.5 spins forever in
     * CommsReceiver/CommsSender/CommsCallback.start when the socket closes while it starts them (about
     * 300 ms after the TCP connection is made; paho.mqtt.java issues 953 and 999), so a client is closed
     * only once Paho settled its CONNECT, or after this.
     */
    private static final long SETTLE_GRACE_MILLIS = 2000;

    final TransportOptions options;
    private final MqttAsyncClient client;
    private final PahoExecutor executor;
    private final CompletableFuture<Boolean> connected = new CompletableFuture<>();
    /** Completes when Paho itself answered CONNECT (or never got it); see {@link #SETTLE_GRACE_MILLIS}. */
    private final CompletableFuture<Void> pahoSettled = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();

    private PahoConnection(TransportOptions options, MqttAsyncClient client, PahoExecutor executor) {
        this.options = options;
        this.client = client;
        this.executor = executor;
    }

    /** A client for {@code options}, not yet connected. */
    static PahoConnection create(TransportOptions options, Events events) throws MqttException {
        PahoExecutor executor = new PahoExecutor(PAHO_THREADS, THREAD_NAME);
        MqttAsyncClient client;
        try {
            client = new MqttAsyncClient(options.broker.pahoUri(), options.clientId, new MemoryPersistence(),
                    new ScheduledExecutorPingSender(executor), executor);
        } catch (MqttException | RuntimeException e) {
            executor.shutdown();
            throw e;
        }
        PahoConnection connection = new PahoConnection(options, client, executor);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                events.lost(connection, cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.arrived(connection, topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // each publish's own action listener reports its confirmation
            }
        });
        return connection;
    }

    /**
     * The outcome of CONNECT: the broker's "session present" flag, or Paho's reason, or
     * {@link ConnectFailures.Abandoned} when no CONNACK came within the configured timeout or the attempt
     * was given up.
     */
    CompletableFuture<Boolean> connected() {
        return connected;
    }

    /**
     * Sends CONNECT, unless the attempt was given up already.
     *
     * @param tls the socket factory for {@code ssl://} and {@code wss://}, null for plain TCP
     */
    void start(SSLSocketFactory tls) {
        if (connected.isDone() || !started.compareAndSet(false, true)) {
            return;
        }
        MqttConnectOptions connectOptions = new MqttConnectOptions();
        connectOptions.setMqttVersion(options.mqttVersion);
        connectOptions.setCleanSession(options.cleanSession);
        connectOptions.setKeepAliveInterval(options.keepAliveSeconds);
        connectOptions.setConnectionTimeout(options.timeoutSeconds);
        connectOptions.setAutomaticReconnect(false);
        if (!options.username.isEmpty()) {
            connectOptions.setUserName(options.username);
        }
        if (tls != null) {
            connectOptions.setSocketFactory(tls);
            connectOptions.setHttpsHostnameVerificationEnabled(true);
        }
        String willTopic = options.topic(options.lwtTopic);
        if (!willTopic.isEmpty()) {
            connectOptions.setWill(willTopic, options.lwtPayload.getBytes(StandardCharsets.UTF_8), options.lwtQos,
                    options.lwtRetain);
        }
        char[] password = options.password();
        if (password.length > 0) {
            connectOptions.setPassword(password);
        }
        ScheduledFuture<?> timeout = schedule(() -> abandon("no CONNACK within " + options.timeoutSeconds + " s"),
                options.timeoutSeconds * 1000L);
        connected.whenComplete((present, failure) -> {
            Arrays.fill(password, '\0');
            if (timeout != null) {
                timeout.cancel(false);
            }
        });
        try {
            client.connect(connectOptions, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    pahoSettled.complete(null);
                    connected.complete(token.getSessionPresent());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    pahoSettled.complete(null);
                    connected.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            pahoSettled.complete(null);
            connected.completeExceptionally(e);
        }
    }

    /** Gives up a CONNECT in progress and releases the client; nothing when CONNECT has completed. */
    void abandon(String reason) {
        if (connected.completeExceptionally(new ConnectFailures.Abandoned(reason))) {
            releaseSoon();
        }
    }

    IMqttToken subscribe(String topic, int qos) throws MqttException {
        return client.subscribe(topic, qos);
    }

    IMqttToken unsubscribe(String topic) throws MqttException {
        return client.unsubscribe(topic);
    }

    /** Publishes; for QoS 1 and 2 {@link Events#confirmed} follows the broker's acknowledgement. */
    IMqttDeliveryToken publish(String topic, byte[] payload, int qos, boolean retain, Events events)
            throws MqttException {
        return client.publish(topic, payload, qos, retain, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                if (qos > 0) {
                    events.confirmed(PahoConnection.this, token.getMessageId());
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                LOG.debug("{}: publish {} on {} failed", options.pid, token.getMessageId(), topic, failure);
            }
        });
    }

    /**
     * Sends DISCONNECT after at most {@code quiesceMillis} for work in progress, without blocking. The future
     * completes once DISCONNECT is out, or once the quiesce time and the configured timeout have passed;
     * the client and its threads are released then.
     */
    CompletableFuture<Void> disconnect(long quiesceMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((nothing, failure) -> releaseSoon());
        schedule(() -> done.complete(null), quiesceMillis + options.timeoutSeconds * 1000L);
        try {
            client.disconnect(quiesceMillis, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.debug("{}: DISCONNECT from {} failed", options.pid, options.broker, failure);
                    done.complete(null);
                }
            });
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{}: DISCONNECT from {} failed", options.pid, options.broker, e);
            done.complete(null);
        }
        return done;
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            task.run();
            return null;
        }
    }

    /**
     * Closes the client and ends its threads, without blocking: once Paho settled its CONNECT (at once for a
     * client that connected, or never sent CONNECT), else after {@link #SETTLE_GRACE_MILLIS}. Paho forbids
     * closing a client on its own callback thread: the release runs on another of this connection's threads.
     */
    void releaseSoon() {
        if (!started.get() || pahoSettled.isDone()) {
            releaseOnExecutor();
        } else {
            pahoSettled.whenComplete((nothing, failure) -> releaseOnExecutor());
            schedule(this::releaseOnExecutor, SETTLE_GRACE_MILLIS);
        }
    }

    private void releaseOnExecutor() {
        try {
            executor.execute(this::release);
        } catch (RejectedExecutionException e) {
            // released already
        }
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            client.close();
        } catch (MqttException | RuntimeException notDisconnected) {
            // Still connected or connecting: close the socket without a word, which also ends a CONNECT
            // in progress, then close.
            try {
                client.disconnectForcibly(0, 0, false);
                client.close();
            } catch (MqttException | RuntimeException e) {
                LOG.debug("{}: closing the client of {} failed", options.pid, options.broker, e);
            }
        }
        executor.shutdown();
    }

    @Override
    public String toString() {
        return "PahoConnection[" + options.broker + ", " + options.clientId + "]";
    }
}
