package dev.kprov.platform;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.Topics;
import dev.kprov.platform.pki.Pem;
import dev.kprov.platform.pki.TlsContexts;

/** A Paho client playing a gateway on the provision broker, as the agent does (PROTOCOL.md section 4). */
final class TestDevice implements AutoCloseable {

    /** A message a device received. */
    record Received(String topic, byte[] payload) {
    }

    /** A message as it arrived, not acknowledged yet. */
    private record Arrived(Received message, int id, int qos) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MqttClient client;
    private final Topics topics;
    private final BlockingQueue<Arrived> received = new LinkedBlockingQueue<>();

    private TestDevice(MqttClient client, Topics topics) {
        this.client = client;
        this.topics = topics;
    }

    /** Connects over TLS, trusting only the platform's broker CA, host name verified. */
    static TestDevice connect(RunningPlatform platform, String clientId, String username, String password)
            throws Exception {
        return connect(platform.brokerUrl(), platform.brokerCaPem().orElseThrow(), platform.account(), clientId,
                username, password);
    }

    /** Connects to {@code mqtts://} with TLS trusting {@code caPem}, or to {@code mqtt://} in the clear. */
    static TestDevice connect(String url, String caPem, String account, String clientId, String username,
            String password) throws Exception {
        MqttClient client = new MqttClient(url.replace("mqtts://", "ssl://").replace("mqtt://", "tcp://"), clientId,
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setKeepAliveInterval(30);
        options.setUserName(username);
        options.setPassword(password.toCharArray());
        if (url.startsWith("mqtts://")) {
            SSLContext context = TlsContexts.trusting(Pem.parseCertificates(caPem, "broker CA"));
            options.setSocketFactory(context.getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
        }
        // Never wait forever: a broker that refuses a QoS 1 publish sends no PUBACK.
        client.setTimeToWait(10_000);
        // Acknowledged when the test takes them (see close()).
        client.setManualAcks(true);
        TestDevice device = new TestDevice(client, Topics.of(account, clientId));
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                device.received.add(new Arrived(new Received(topic, message.getPayload()), message.getId(),
                        message.getQos()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return device;
    }

    Topics topics() {
        return topics;
    }

    MqttClient client() {
        return client;
    }

    void subscribeReplies() throws MqttException {
        subscribe(topics.replySubscription());
    }

    /** Subscribes at QoS 1; throws when the broker refuses the filter. */
    void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    /** Sends a provision request with a fresh id; returns the id. */
    String request(String activationKey) throws MqttException {
        ProvisionRequest.Builder request = ProvisionRequest.newRequest(topics.clientId(), RANDOM);
        if (activationKey != null) {
            request.activationKey(activationKey.toCharArray());
        }
        ProvisionRequest built = request.build();
        publish(topics.requestTopic(), PayloadCodec.encode(built.toPayload()));
        return built.requestId();
    }

    void notify(Notification notification) throws MqttException {
        publish(topics.notifyTopic(notification.requestId()), PayloadCodec.encode(notification.toPayload()));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** The next message received, within the timeout; acknowledged now. */
    Received next(Duration timeout) throws InterruptedException {
        Arrived arrived = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (arrived == null) {
            throw new AssertionError("nothing received within " + timeout);
        }
        try {
            client.messageArrivedComplete(arrived.id(), arrived.qos());
        } catch (MqttException e) {
            throw new AssertionError("cannot acknowledge message " + arrived.id(), e);
        }
        return arrived.message();
    }

    /** The next reply, decoded; checks it arrived on the reply topic of its request id. */
    ProvisionReply nextReply() throws InterruptedException, MessageException {
        Received message = next(Duration.ofSeconds(10));
        ProvisionReply reply = ProvisionReply.fromPayload(PayloadCodec.decode(message.payload()));
        if (!message.topic().equals(topics.replyTopic(reply.requestId()))) {
            throw new AssertionError("reply for " + reply.requestId() + " arrived on " + message.topic());
        }
        return reply;
    }

    /**
     * No PUBACK may follow the DISCONNECT: Moquette 0.17 releases a message twice when a DISCONNECT overtakes
     * its PUBACK, and the session event loop that hits it stops serving every client it owns
     * (docs/BENCHMARKS.md, "The broker"); a reply still on its way when a test closed its device did that to the
     * next tests. So messages are acknowledged on the test's thread as it takes them, and one it never took is
     * never acknowledged.
     */
    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(2000);
        }
        client.close(true);
    }
}
