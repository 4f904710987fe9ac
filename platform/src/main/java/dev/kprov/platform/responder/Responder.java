package dev.kprov.platform.responder;

import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.mqtt.NoDelaySockets;
import dev.kprov.platform.paho.PahoClients;

/**
 * The responder's MQTT session: an ordinary client (Paho, MQTT 3.1.1, clean session, TLS when the URL
 * says so), so it serves any broker. It subscribes to every device's requests and notifications of the
 * provision account and hands each message to the platform's own thread; Paho's threads do nothing else.
 * A lost connection is made again by tasks scheduled on that thread, with a growing delay (never a
 * sleep), and the subscriptions with it.
 */
public final class Responder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);
    private static final int KEEP_ALIVE_SECONDS = 30;
    private static final long CLOSE_TIMEOUT_MS = 2000;
    /** Moquette 0.17 may drop a connection whose SUBSCRIBE follows the CONNACK too closely: try again. */
    private static final int START_ATTEMPTS = 3;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;

    /** What arrives, on the platform's thread. */
    public interface Inbox {
        void request(String topic, byte[] payload);

        void notification(String topic, byte[] payload);
    }

    private final MqttAsyncClient client;
    private final BrokerConnection connection;
    private final ScheduledExecutorService owner;
    private final String[] filters;
    private final MqttConnectOptions options;
    private volatile boolean closed;
    /** Set once {@link #start} succeeded: from then on a lost connection is made again in the background. */
    private volatile boolean started;
    /** Only the owner thread touches it. */
    private long retryMs = FIRST_RETRY_MS;

    private Responder(MqttAsyncClient client, BrokerConnection connection, String account,
            ScheduledExecutorService owner, long timeoutMs) {
        this.client = client;
        this.connection = connection;
        this.owner = owner;
        this.filters = new String[] {
            "$EDC/" + account + "/+/PROV-V1/POST/provision",
            "$EDC/" + account + "/+/PROV-V1/NOTIFY/#"
        };
        this.options = options(connection, timeoutMs);
    }

    /** A session not yet connected: {@link #start} connects it. */
    public static Responder create(BrokerConnection connection, String account, ScheduledExecutorService owner,
            Inbox inbox, long timeoutMs) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(connection.pahoUri(), connection.clientId(),
                new MemoryPersistence());
        Responder responder = new Responder(client, connection, account, owner, timeoutMs);
        client.setCallback(responder.new Callback(inbox));
        return responder;
    }

    private static MqttConnectOptions options(BrokerConnection connection, long timeoutMs) {
        MqttConnectOptions options = new MqttConnectOptions();
        // Paho falls back to MQTT 3.1 after a refused 3.1.1 CONNECT unless told (BUILD-NOTES pitfall 7).
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        options.setConnectionTimeout((int) Math.max(1, timeoutMs / 1000));
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        options.setUserName(connection.username());
        options.setPassword(connection.password());
        if (connection.isTls()) {
            // Nagle off: the reply follows the request's PUBACK at once (NoDelaySockets)
            connection.sslContext()
                    .ifPresent(context -> options.setSocketFactory(new NoDelaySockets(context.getSocketFactory())));
            options.setHttpsHostnameVerificationEnabled(connection.verifyHostname());
        }
        return options;
    }

    /**
     * Connects and subscribes, waiting at most {@code timeoutMs} for each; closes the session on failure.
     *
     * @throws MqttException when the broker refuses or cannot be reached, or refuses a subscription
     */
    public void start(long timeoutMs) throws MqttException {
        for (int attempt = 1;; attempt++) {
            try {
                client.connect(options).waitForCompletion(timeoutMs);
                IMqttToken subscription = client.subscribe(filters, new int[] {1, 1});
                subscription.waitForCompletion(timeoutMs);
                checkGranted(subscription);
                break;
            } catch (MqttException e) {
                boolean dropped = e.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST
                        || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED;
                if (!dropped || attempt == START_ATTEMPTS) {
                    close();
                    throw e;
                }
                LOG.info("responder's connection to {} dropped while subscribing ({}); connecting again",
                        connection.url(), e.toString());
                forceDisconnect();
            }
        }
        started = true;
        LOG.info("responder connected to {} as {}, serving {} and {}", connection.url(), connection.clientId(),
                filters[0], filters[1]);
    }

    /** Publishes at QoS 1, not retained, without waiting; a failure is logged. */
    public void publish(String topic, byte[] payload) {
        if (closed) {
            LOG.debug("responder closed: nothing sent to {}", topic);
            return;
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(false);
        try {
            client.publish(topic, message, null, PahoClients.listener(token -> LOG.debug("delivered {} bytes to {}",
                    payload.length, topic), failure -> LOG.warn("could not deliver to {}: {}", topic, failure)));
        } catch (MqttException e) {
            LOG.warn("could not publish to {}: {}", topic, e.toString());
        }
    }

    public String url() {
        return connection.url();
    }

    /** A broker that refuses a subscription grants 0x80 (MQTT 3.1.1, 3.9.3). */
    private static void checkGranted(IMqttToken token) throws MqttException {
        for (int granted : token.getGrantedQos()) {
            if (granted == 0x80) {
                throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
            }
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        try {
            owner.schedule(this::reconnect, retryMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing: no reconnect");
        }
    }

    /** On the owner thread; every step is asynchronous, so the thread never waits for the broker. */
    private void reconnect() {
        if (closed || client.isConnected()) {
            return;
        }
        Consumer<Throwable> failed = failure -> {
            LOG.warn("responder could not reconnect to {} ({}); next try in {} ms", connection.url(), failure,
                    retryMs);
            forceDisconnect();
            retryLater();
        };
        try {
            client.connect(options, null, PahoClients.listener(connected -> {
                try {
                    client.subscribe(filters, new int[] {1, 1}, null, PahoClients.listener(subscribed -> {
                        LOG.info("responder reconnected to {} and subscribed again", connection.url());
                        resetRetry();
                    }, failed));
                } catch (MqttException e) {
                    failed.accept(e);
                }
            }, failed));
        } catch (MqttException e) {
            failed.accept(e);
        }
    }

    private void retryLater() {
        try {
            owner.execute(() -> {
                retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
                scheduleReconnect();
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing: no reconnect");
        }
    }

    private void resetRetry() {
        try {
            owner.execute(() -> retryMs = FIRST_RETRY_MS);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing");
        }
    }

    private void forceDisconnect() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, CLOSE_TIMEOUT_MS, false);
            }
        } catch (MqttException e) {
            LOG.debug("responder forced disconnect: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        PahoClients.close(client, CLOSE_TIMEOUT_MS, "responder");
        LOG.info("responder disconnected from {}", connection.url());
    }

    private final class Callback implements MqttCallback {

        private final Inbox inbox;

        Callback(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public void connectionLost(Throwable cause) {
            if (closed || !started) {
                return;
            }
            LOG.warn("responder lost its connection to {} ({}); reconnecting", connection.url(), cause.toString());
            try {
                owner.execute(Responder.this::scheduleReconnect);
            } catch (RejectedExecutionException e) {
                LOG.debug("platform closing: no reconnect");
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            Runnable task = topic.endsWith("/POST/provision") ? () -> inbox.request(topic, payload)
                    : () -> inbox.notification(topic, payload);
            try {
                owner.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("platform closing: message on {} dropped", topic);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Logged by the publish listener.
        }
    }
}
