package dev.kprov.agent.mqtt;

import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.ProvisionSession;
import dev.kprov.agent.fsm.SessionListener;
import dev.kprov.agent.fsm.SessionSpec;

/**
 * One connection to the provision broker (PROTOCOL.md section 1): MQTT 3.1.1 only, clean session,
 * keep-alive 30 s, QoS 1, TLS through the gateway's SSL manager. Every Paho call is asynchronous and
 * every Paho callback only hands over to the {@link SessionListener}. Paho runs on a {@link PahoExecutor}
 * of this session's own, which {@link #close()} ends.
 */
final class PahoSession implements ProvisionSession {

    private static final Logger logger = LoggerFactory.getLogger(PahoSession.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final int QOS = 1;
    /**
     * How long DISCONNECT waits for what is in flight: the PUBACK of a reply just received above all. A
     * DISCONNECT that overtakes it makes some brokers release that message twice (Moquette 0.17 then stops
     * serving every client of one of its session loops: docs/BENCHMARKS.md, "The broker").
     */
    private static final long QUIESCE_MILLIS = 500;
    private static final long DISCONNECT_GRACE_MILLIS = 2000;

    private final SessionSpec spec;
    private final PahoSessions.TlsSockets tls;
    private final SessionListener listener;
    private final PahoExecutor executor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private MqttAsyncClient client;

    PahoSession(SessionSpec spec, PahoSessions.TlsSockets tls, SessionListener listener) {
        this.spec = spec;
        this.tls = tls;
        this.listener = listener;
        this.executor = new PahoExecutor("kprov-mqtt");
    }

    @Override
    public void connect() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout(spec.timeoutSeconds());
        options.setAutomaticReconnect(false);
        options.setUserName(spec.username());
        char[] password;
        try {
            if (spec.broker().tls()) {
                options.setSocketFactory(new NoDelaySockets(tls.get()));
                options.setHttpsHostnameVerificationEnabled(true);
            }
            password = spec.password().reveal();
            client = new MqttAsyncClient(spec.broker().pahoUri(), spec.clientId(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(executor), executor);
        } catch (Exception e) {
            logger.debug("session setup failed", e);
            fail(ErrorCategory.BROKER_UNREACHABLE, "cannot prepare the connection to " + spec.broker() + ": "
                    + Failures.describe(e));
            return;
        }
        if (password.length > 0) {
            options.setPassword(password);
        }
        client.setManualAcks(true);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                fail(ErrorCategory.BROKER_UNREACHABLE,
                        "connection to the provision broker lost: " + Failures.describe(cause));
            }

            /**
             * Acknowledged before the machine hears of it: the PUBACK is then queued ahead of any DISCONNECT the
             * machine sends in answer. Paho's own acknowledgement comes after this method returns, and could follow
             * the DISCONNECT, which Moquette 0.17 answers by releasing the message twice and stopping the session
             * loop that serves it (docs/BENCHMARKS.md, "The broker"); the quiesce alone did not prevent it.
             */
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    client.messageArrivedComplete(message.getId(), message.getQos());
                } catch (MqttException e) {
                    logger.debug("cannot acknowledge a message from {}", spec.broker(), e);
                }
                listener.messageArrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the publish's own action listener reports the PUBACK
            }
        });
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    Arrays.fill(password, '\0');
                    listener.connected();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    Arrays.fill(password, '\0');
                    logger.debug("CONNECT to {} failed", spec.broker(), failure);
                    fail(Failures.connectCategory(failure), Failures.connectMessage(spec.broker().toString(), failure));
                }
            });
        } catch (MqttException e) {
            Arrays.fill(password, '\0');
            fail(Failures.connectCategory(e), Failures.connectMessage(spec.broker().toString(), e));
        }
    }

    @Override
    public void subscribe(String topicFilter) {
        try {
            client.subscribe(topicFilter, QOS, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                        fail(ErrorCategory.BROKER_REFUSED, "the provision broker refused the subscription to "
                                + topicFilter);
                    } else {
                        listener.subscribed();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    ErrorCategory category = Failures.subscribeCategory(failure);
                    fail(category, (category == ErrorCategory.BROKER_REFUSED ? "the provision broker refused the "
                            + "subscription to " : "no answer to the subscription to ") + topicFilter + ": "
                            + Failures.describe(failure));
                }
            });
        } catch (MqttException e) {
            fail(ErrorCategory.BROKER_UNREACHABLE, "cannot subscribe to " + topicFilter + ": " + Failures.describe(e));
        }
    }

    @Override
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, QOS, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    listener.delivered();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    fail(ErrorCategory.BROKER_UNREACHABLE, "the provision request was not delivered: "
                            + Failures.describe(failure));
                }
            });
        } catch (MqttException e) {
            fail(ErrorCategory.BROKER_UNREACHABLE, "cannot publish the provision request: " + Failures.describe(e));
        }
    }

    private void fail(ErrorCategory category, String message) {
        if (!closed.get()) {
            listener.failed(category, message);
        }
    }

    /**
     * Sends DISCONNECT when connected, once what is in flight is done ({@link #QUIESCE_MILLIS} at most),
     * without waiting for it: the client and its threads are released when the DISCONNECT is out, or after
     * two seconds at the latest.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // The fallback first: the DISCONNECT below may complete, and release, before schedule() returns.
            executor.schedule(this::release, DISCONNECT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (client != null && client.isConnected()) {
                client.disconnect(QUIESCE_MILLIS, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        releaseSoon();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable failure) {
                        releaseSoon();
                    }
                });
                return;
            }
        } catch (MqttException | RejectedExecutionException e) {
            logger.debug("DISCONNECT from {} failed", spec.broker(), e);
        }
        releaseSoon();
    }

    /** Paho forbids closing a client from its own callback thread: release on another of the session's threads. */
    private void releaseSoon() {
        try {
            executor.execute(this::release);
        } catch (RejectedExecutionException e) {
            // already released
        }
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        if (client != null) {
            try {
                client.close(true);
            } catch (MqttException e) {
                logger.debug("closing the client of {} failed", spec.broker(), e);
            }
        }
        executor.shutdown();
    }

    @Override
    public String toString() {
        return "PahoSession[" + spec + "]";
    }
}
