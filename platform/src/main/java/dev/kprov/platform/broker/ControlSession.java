package dev.kprov.platform.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

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

import dev.kprov.platform.paho.PahoClients;

/**
 * The platform's administrative MQTT session on Mosquitto: it sends dynamic-security commands and hears
 * their answers and the broker's log. Everything it receives is handed to the platform's thread; a lost
 * connection is made again by tasks scheduled there, with a growing delay, and the subscriptions with it.
 */
final class ControlSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
    private static final long CLOSE_TIMEOUT_MS = 2000;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;

    /** Where and as whom to connect. {@link #toString()} shows no password. */
    record Target(String url, String clientId, String username, char[] password, SSLContext sslContext,
            boolean verifyHostname) {
        @Override
        public String toString() {
            return "Target[" + url + ", client " + clientId + ", user " + username + "]";
        }
    }

    /** What arrives, on the platform's thread. */
    interface Inbox {
        void response(byte[] payload);

        void log(String line);

        /** The session was lost and is back, subscribed again: whatever was in flight is gone. */
        void reconnected();
    }

    private final MqttAsyncClient client;
    private final Target target;
    private final ScheduledExecutorService owner;
    private final Inbox inbox;
    private final MqttConnectOptions options;
    private volatile boolean closed;
    private volatile boolean started;
    /** Whether the broker let this user read its log (the account-broker CONNECTs). */
    private volatile boolean hearsConnects;
    private long retryMs = FIRST_RETRY_MS;

    private ControlSession(MqttAsyncClient client, Target target, ScheduledExecutorService owner, Inbox inbox,
            long timeoutMs) {
        this.client = client;
        this.target = target;
        this.owner = owner;
        this.inbox = inbox;
        this.options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout((int) Math.max(1, timeoutMs / 1000));
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        options.setUserName(target.username());
        options.setPassword(target.password().clone());
        if (target.sslContext() != null) {
            options.setSocketFactory(target.sslContext().getSocketFactory());
        }
        options.setHttpsHostnameVerificationEnabled(target.verifyHostname());
    }

    static ControlSession create(Target target, ScheduledExecutorService owner, Inbox inbox, long timeoutMs)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(pahoUri(target.url()), target.clientId(), new MemoryPersistence());
        ControlSession session = new ControlSession(client, target, owner, inbox, timeoutMs);
        client.setCallback(session.new Callback());
        return session;
    }

    /** {@code mqtts://} and {@code ssl://} as Paho's {@code ssl://} (port 8883 by default), the others as {@code tcp://}. */
    static String pahoUri(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean tls = scheme.equals("mqtts") || scheme.equals("ssl");
            if (!tls && !scheme.equals("mqtt") && !scheme.equals("tcp") || uri.getHost() == null) {
                throw new IllegalArgumentException("broker URL '" + url + "': needs mqtts, ssl, mqtt or tcp and a host");
            }
            return (tls ? "ssl://" : "tcp://") + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + url + "' is not a URL: " + e.getMessage(), e);
        }
    }

    /**
     * Connects and subscribes to the command answers (required) and the broker's log (optional: without it
     * the platform does not see devices reach their account broker). Waits at most {@code timeoutMs} for each.
     */
    void start(long timeoutMs) throws MqttException {
        try {
            client.connect(options).waitForCompletion(timeoutMs);
            subscribe(timeoutMs);
        } catch (MqttException e) {
            close();
            throw e;
        }
        started = true;
    }

    private void subscribe(long timeoutMs) throws MqttException {
        IMqttToken token = client.subscribe(new String[] {DynsecCommands.RESPONSE_TOPIC, ConnectLog.TOPIC},
                new int[] {1, 0});
        token.waitForCompletion(timeoutMs);
        int[] granted = token.getGrantedQos();
        if (granted.length > 0 && granted[0] == 0x80) {
            throw new MqttException(MqttException.REASON_CODE_SUBSCRIBE_FAILED);
        }
        hearsConnects = granted.length > 1 && granted[1] != 0x80;
    }

    boolean hearsConnects() {
        return hearsConnects;
    }

    String url() {
        return target.url();
    }

    String username() {
        return target.username();
    }

    /** Publishes a batch at QoS 1 without waiting; false when it could not be handed to the client. */
    boolean send(byte[] payload) {
        if (closed || !client.isConnected()) {
            return false;
        }
        try {
            client.publish(DynsecCommands.TOPIC, payload, 1, false);
            return true;
        } catch (MqttException e) {
            LOG.warn("dynamic security: cannot send commands to {}: {}", target.url(), e.toString());
            return false;
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        try {
            owner.schedule(this::reconnect, retryMs, TimeUnit.MILLISECONDS);
            retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing: no reconnect");
        }
    }

    /** On the platform's thread; the steps are asynchronous, so it never waits for the broker. */
    private void reconnect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options, null, PahoClients.listener(connected -> {
                try {
                    client.subscribe(new String[] {DynsecCommands.RESPONSE_TOPIC, ConnectLog.TOPIC}, new int[] {1, 0},
                            null, PahoClients.listener(subscribed -> onOwner(() -> {
                                retryMs = FIRST_RETRY_MS;
                                LOG.info("dynamic security: reconnected to {}", target.url());
                                inbox.reconnected();
                            }), this::retryAfter));
                } catch (MqttException e) {
                    retryAfter(e);
                }
            }, this::retryAfter));
        } catch (MqttException e) {
            retryAfter(e);
        }
    }

    private void retryAfter(Throwable failure) {
        LOG.warn("dynamic security: cannot reconnect to {} ({}); trying again", target.url(), failure.toString());
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, CLOSE_TIMEOUT_MS, false);
            }
        } catch (MqttException e) {
            LOG.debug("forced disconnect: {}", e.toString());
        }
        onOwner(this::scheduleReconnect);
    }

    private void onOwner(Runnable task) {
        try {
            owner.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("platform closing: dynamic-security event dropped");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        PahoClients.close(client, CLOSE_TIMEOUT_MS, "dynamic security");
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            if (closed || !started) {
                return;
            }
            LOG.warn("dynamic security: lost the connection to {} ({}); reconnecting", target.url(), cause.toString());
            onOwner(ControlSession.this::scheduleReconnect);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            byte[] payload = message.getPayload();
            if (topic.equals(DynsecCommands.RESPONSE_TOPIC)) {
                onOwner(() -> inbox.response(payload));
            } else if (payload.length <= ConnectLog.MAX_LINE) {
                String line = new String(payload, StandardCharsets.UTF_8);
                onOwner(() -> inbox.log(line));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 1 handled by Paho; the answer on the response topic is what counts.
        }
    }
}
