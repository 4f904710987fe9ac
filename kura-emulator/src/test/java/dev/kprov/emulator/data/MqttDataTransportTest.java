package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraConnectException;
import org.eclipse.kura.KuraNotConnectedException;
import org.eclipse.kura.data.DataTransportToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.data.transport.MqttDataTransport;

/** The MQTT transport against a real broker on the loopback interface, over plain TCP. */
class MqttDataTransportTest {

    static final String USER = "gateway-user";
    static final String PASSWORD = "account-S3CR3T-1";

    /** One broker for the class: stopping one takes Moquette two seconds. */
    private static TestBroker broker;

    @TempDir
    Path dir;
    private EmulatedGateway gateway;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.plain(Map.of(USER, PASSWORD));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() throws Exception {
        gateway = new EmulatedGateway(dir);
        broker.forgetConnects();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** Every message of the failure and of its causes, to look for the password in. */
    static String allText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append(" | ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    @Test
    void connectsWithTheDecryptedPasswordAndTellsListenersInOrder() throws Exception {
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(broker.url(), USER, PASSWORD));
        Events events = new Events();
        transport.addDataTransportListener(events);

        transport.connect();

        assertTrue(transport.isConnected());
        assertEquals("gateway-1/" + USER, broker.awaitConnect());
        assertEquals("tcp://127.0.0.1:" + broker.port(), transport.getBrokerUrl());
        assertEquals("ACME", transport.getAccountName());
        assertEquals(USER, transport.getUsername());
        assertEquals("gateway-1", transport.getClientId());

        transport.disconnect(0);

        assertFalse(transport.isConnected());
        events.expect("established", "disconnecting", "disconnected");
    }

    @Test
    void refusedCredentialsAreReportedAsSuchWithoutThePassword() throws Exception {
        String wrong = "wrong-S3CR3T-2";
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(broker.url(), USER, wrong));

        KuraConnectException refused = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(refused.getMessage().contains("refused the credentials of user '" + USER + "'"),
                refused.getMessage());
        assertFalse(allText(refused).contains(wrong), "the password is in the failure");
        assertFalse(transport.isConnected());

        // Fixing the configuration is enough to connect.
        transport.modified(gateway.transportConfig(broker.url(), USER, PASSWORD));
        transport.connect();
        assertTrue(transport.isConnected());
    }

    @Test
    void anUnreachableBrokerIsReportedAsSuch() throws Exception {
        int nobody = TestBroker.freePort();
        MqttDataTransport transport = gateway
                .transport(gateway.transportConfig("mqtt://127.0.0.1:" + nobody, USER, PASSWORD));

        KuraConnectException unreachable = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(unreachable.getMessage().contains("cannot reach tcp://127.0.0.1:" + nobody),
                unreachable.getMessage());
        assertFalse(allText(unreachable).contains(PASSWORD), "the password is in the failure");
    }

    @Test
    void anInvalidConfigurationIsReportedOnConnect() throws Exception {
        Map<String, Object> config = gateway.transportConfig("http://127.0.0.1:" + broker.port(), USER, PASSWORD);
        MqttDataTransport transport = gateway.transport(config);

        KuraConnectException invalid = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(invalid.getMessage().contains("broker-url"), invalid.getMessage());
        assertEquals("", transport.getBrokerUrl());
    }

    @Test
    void anEmptyClientIdIsThePrimaryMacAddressWithoutColons() throws Exception {
        Map<String, Object> config = gateway.transportConfig(broker.url(), USER, PASSWORD);
        config.put("client-id", "");
        MqttDataTransport transport = gateway.transport(config);

        transport.connect();

        assertEquals("AABBCC001122", transport.getClientId());
        assertEquals("AABBCC001122/" + USER, broker.awaitConnect());
    }

    @Test
    void aPasswordThatIsNotEncryptedIsUsedAsGiven() throws Exception {
        Map<String, Object> config = gateway.transportConfig(broker.url(), USER, PASSWORD);
        config.put("password", PASSWORD);
        MqttDataTransport transport = gateway.transport(config);

        transport.connect();

        assertEquals("gateway-1/" + USER, broker.awaitConnect());
    }

    @Test
    void messagesGoRoundTripWithTopicVariablesReplaced() throws Exception {
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(broker.url(), USER, PASSWORD));
        Events events = new Events();
        transport.addDataTransportListener(events);
        transport.connect();
        events.expect("established");

        transport.subscribe("#account-name/#client-id/echo", 1);
        DataTransportToken token = transport.publish("#account-name/#client-id/echo",
                "hello".getBytes(StandardCharsets.UTF_8), 1, false);

        assertNotNull(token);
        assertEquals(Set.of("arrived ACME/gateway-1/echo hello", "confirmed " + token.getMessageId()),
                Set.of(events.next(), events.next()));

        // QoS 0: no token, as Kura's transport.
        assertNull(transport.publish("ACME/gateway-1/echo", "again".getBytes(StandardCharsets.UTF_8), 0, false));
        events.expect("arrived ACME/gateway-1/echo again");
        transport.unsubscribe("#account-name/#client-id/echo");
    }

    @Test
    void messagingWhileDisconnectedIsRefused() throws Exception {
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(broker.url(), USER, PASSWORD));

        assertThrows(KuraNotConnectedException.class, () -> transport.subscribe("a/b", 1));
        assertThrows(KuraNotConnectedException.class, () -> transport.publish("a/b", new byte[1], 1, false));
    }
}
