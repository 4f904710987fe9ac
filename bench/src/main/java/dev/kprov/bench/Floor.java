package dev.kprov.bench;

import java.lang.reflect.Constructor;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.mqtt.NoDelaySockets;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.Topics;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.platform.GatewayCredentials;
import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * The floor: the provisioning exchange done by a bare Paho client against the same broker and platform,
 * nothing verified, nothing applied: TLS connect, subscribe to the reply topic, publish the request, receive
 * the final reply, disconnect. Two kinds: Paho as it comes ({@code paho}), which polls 100 ms for each of
 * its threads before CONNECT (eclipse-paho/paho.mqtt.java issue 945) and leaves Nagle on; and Paho tuned
 * as the agent runs it ({@code paho-tuned}: the agent's executor that ends that poll, TCP_NODELAY), the
 * fair floor.
 */
final class Floor {

    static final List<String> PHASES = List.of("connect", "subscribe", "reply", "disconnect");
    private static final long TIMEOUT_MILLIS = 30_000;

    private final SandboxPlatform platform;
    private final GatewaySpec spec;
    private final Narrator narrator;
    private final SSLContext tls;
    private final boolean prompt;
    private final SecureRandom random = new SecureRandom();
    private int runs;

    Floor(SandboxPlatform platform, GatewaySpec spec, Narrator narrator, boolean prompt) throws Exception {
        this.platform = platform;
        this.spec = spec;
        this.narrator = narrator;
        this.prompt = prompt;
        this.tls = Tls.trusting(platform.brokerCa());
    }

    /** One exchange; the time each phase ended, in ms from the start of the TLS connection. */
    Map<String, Double> exchangeOnce() throws Exception {
        // A client id of its own for each exchange, as the agent's runs have (AgentGateway).
        GatewaySpec spec = this.spec.withClientId(this.spec.clientId() + "-" + (++runs));
        GatewayCredentials credentials = platform.addRequest(spec, Optional.empty(), narrator);
        Topics topics = Topics.of(platform.account(), spec.clientId());
        ProvisionRequest request = ProvisionRequest.newRequest(spec.clientId(), random)
                .activationKey(credentials.activationKey().orElseThrow().reveal().toCharArray()).build();
        ScheduledExecutorService executor = prompt ? promptExecutor() : null;
        MqttAsyncClient client = executor == null
                ? new MqttAsyncClient(platform.brokerUrl().replace("mqtts://", "ssl://"), spec.clientId(),
                        new MemoryPersistence())
                : new MqttAsyncClient(platform.brokerUrl().replace("mqtts://", "ssl://"), spec.clientId(),
                        new MemoryPersistence(), new ScheduledExecutorPingSender(executor), executor);
        BlockingQueue<MqttMessage> replies = new LinkedBlockingQueue<>();
        // The reply's PUBACK is sent here, before DISCONNECT: with Paho's own acknowledgement after the
        // callback, DISCONNECT can overtake it, and Moquette 0.17 then releases the reply twice and stops
        // serving every client of that session loop (docs/BENCHMARKS.md, "The broker").
        client.setManualAcks(true);
        try {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            // the tuned floor has what the agent has: Paho's start-up poll ended, and Nagle off
            options.setSocketFactory(prompt ? new NoDelaySockets(tls.getSocketFactory()) : tls.getSocketFactory());
            options.setUserName(credentials.username());
            options.setPassword(credentials.password().reveal().toCharArray());
            Map<String, Double> ended = new LinkedHashMap<>();
            long start = System.nanoTime();
            client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
            ended.put("connect", since(start));
            IMqttToken subscribed = client.subscribe(topics.replySubscription(), 1,
                    (topic, message) -> replies.add(message));
            subscribed.waitForCompletion(TIMEOUT_MILLIS);
            ended.put("subscribe", since(start));
            client.publish(topics.requestTopic(), PayloadCodec.encode(request.toPayload()), 1, false);
            MqttMessage reply = replies.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (reply == null) {
                throw new IllegalStateException("no reply to the floor's request within " + TIMEOUT_MILLIS + " ms");
            }
            PayloadCodec.decode(reply.getPayload());
            ended.put("reply", since(start));
            client.messageArrivedComplete(reply.getId(), reply.getQos());
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
            ended.put("disconnect", since(start));
            return ended;
        } finally {
            client.close(true);
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** The agent's own Paho executor (package-private in the agent: reached by reflection, bench only). */
    private static ScheduledExecutorService promptExecutor() throws Exception {
        Class<?> type = Class.forName("dev.kprov.agent.mqtt.PahoExecutor");
        Constructor<?> constructor = type.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        return (ScheduledExecutorService) constructor.newInstance("kprov-bench-floor");
    }

}
