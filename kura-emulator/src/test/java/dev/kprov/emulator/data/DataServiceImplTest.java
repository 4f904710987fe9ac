package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.data.transport.MqttDataTransport;

/** The DataService over the MQTT transport, against real brokers on the loopback interface. */
class DataServiceImplTest {

    private static final String USER = MqttDataTransportTest.USER;
    private static final String PASSWORD = MqttDataTransportTest.PASSWORD;
    private static final Map<String, String> USERS = Map.of(USER, PASSWORD);

    @TempDir
    Path dir;
    private EmulatedGateway gateway;
    private TestBroker broker;
    private TestBroker other;

    @BeforeEach
    void start() throws Exception {
        gateway = new EmulatedGateway(dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        for (TestBroker each : new TestBroker[] { broker, other }) {
            if (each != null) {
                each.close();
            }
        }
    }

    private DataServiceImpl dataService(String brokerUrl, boolean autoConnect, Events events) throws Exception {
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(brokerUrl, USER, PASSWORD));
        DataServiceImpl dataService = gateway.dataService(transport, EmulatedGateway.dataConfig(autoConnect, 1));
        dataService.addDataServiceListener(events);
        return dataService;
    }

    @Test
    void withoutAutoConnectItConnectsOnRequestAndTellsListenersInOrder() throws Exception {
        broker = TestBroker.plain(USERS);
        Events events = new Events();
        DataServiceImpl dataService = dataService(broker.url(), false, events);
        assertFalse(dataService.isAutoConnectEnabled());
        assertEquals(1, dataService.getRetryInterval());

        dataService.connect();
        events.expect("established");
        assertTrue(dataService.isConnected());
        assertEquals("gateway-1/" + USER, broker.awaitConnect());

        dataService.disconnect(0);
        events.expect("disconnecting", "disconnected");
        assertFalse(dataService.isConnected());
    }

    @Test
    void autoConnectRetriesUntilABrokerAppearsOnItsPort() throws Exception {
        int port;
        Events events = new Events();
        List<Socket> turnedAway = new ArrayList<>();
        try (ServerSocket notABroker = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = notABroker.getLocalPort();
            notABroker.setSoTimeout((int) (Events.WAIT_SECONDS * 1000));
            Map<String, Object> transportConfig = gateway.transportConfig("mqtt://127.0.0.1:" + port, USER, PASSWORD);
            transportConfig.put("timeout", 2);
            MqttDataTransport transport = gateway.transport(transportConfig);
            DataServiceImpl dataService = gateway.dataService(transport, EmulatedGateway.dataConfig(true, 1));
            dataService.addDataServiceListener(events);
            assertTrue(dataService.isAutoConnectEnabled());

            // Two attempts, a retry interval apart: each sends CONNECT, which nothing answers. (Cutting the
            // connection instead would hit Paho 1.2.5's hang in CommsReceiver.start.)
            for (int attempt = 0; attempt < 2; attempt++) {
                Socket socket = notABroker.accept();
                turnedAway.add(socket);
                socket.setSoTimeout((int) (Events.WAIT_SECONDS * 1000));
                assertEquals(0x10, socket.getInputStream().read(), "not an MQTT CONNECT");
            }
            assertFalse(dataService.isConnected());
        } finally {
            for (Socket socket : turnedAway) {
                socket.close();
            }
        }
        broker = TestBroker.plainOn(port, USERS);

        events.expect("established");
        assertEquals("gateway-1/" + USER, broker.awaitConnect());
    }

    @Test
    void autoConnectReconnectsAfterTheBrokerRestarts() throws Exception {
        broker = TestBroker.plain(USERS);
        Events events = new Events();
        DataServiceImpl dataService = dataService(broker.url(), true, events);
        events.expect("established");
        broker.awaitConnect();

        broker.stop();
        events.expect("lost");
        assertFalse(dataService.isConnected());
        broker.start();

        events.expect("established");
        assertEquals("gateway-1/" + USER, broker.awaitConnect());
        assertTrue(dataService.isConnected());
    }

    @Test
    void aTransportConfigurationChangeWhileConnectedReconnectsToTheNewBroker() throws Exception {
        broker = TestBroker.plain(USERS);
        other = TestBroker.plain(Map.of("account-user", "account-S3CR3T-3"));
        Events events = new Events();
        Events transportEvents = new Events();
        MqttDataTransport transport = gateway.transport(gateway.transportConfig(broker.url(), USER, PASSWORD));
        transport.addDataTransportListener(transportEvents);
        DataServiceImpl dataService = gateway.dataService(transport, EmulatedGateway.dataConfig(false, 1));
        dataService.addDataServiceListener(events);
        dataService.connect();
        events.expect("established");

        transport.modified(gateway.transportConfig(other.url(), "account-user", "account-S3CR3T-3"));

        events.expect("disconnecting", "disconnected", "established");
        transportEvents.expect("established", "updating true", "disconnecting", "disconnected", "updated true",
                "established");
        assertEquals("gateway-1/account-user", other.awaitConnect());
        assertEquals("tcp://127.0.0.1:" + other.port(), transport.getBrokerUrl());
        assertTrue(dataService.isConnected());
    }

    @Test
    void messagesPublishedWhileDisconnectedAreStoredThenSentAndConfirmed() throws Exception {
        broker = TestBroker.plain(USERS);
        Events events = new Events();
        DataServiceImpl dataService = dataService(broker.url(), false, events);

        int low = dataService.publish("#account-name/#client-id/data", bytes("later"), 1, false, 7);
        int high = dataService.publish("#account-name/#client-id/birth", bytes("first"), 1, false, 0);
        assertEquals(List.of(low, high), dataService.getUnpublishedMessageIds(".*"));
        assertEquals(List.of(high), dataService.getUnpublishedMessageIds(".*/birth"));

        dataService.connect();

        events.expect("established", "published " + high, "published " + low);
        assertEquals(Set.of("confirmed " + high, "confirmed " + low), Set.of(events.next(), events.next()));
        assertEquals(List.of(), dataService.getUnpublishedMessageIds(".*"));
        assertEquals(List.of(), dataService.getInFlightMessageIds(".*"));
    }

    @Test
    void messagesGoRoundTripThroughTheDataService() throws Exception {
        broker = TestBroker.plain(USERS);
        Events events = new Events();
        DataServiceImpl dataService = dataService(broker.url(), false, events);
        dataService.connect();
        events.expect("established");

        dataService.subscribe("#account-name/#client-id/echo", 1);
        int id = dataService.publish("#account-name/#client-id/echo", bytes("ping"), 1, false, 5);

        events.expect("published " + id);
        assertEquals(Set.of("arrived ACME/gateway-1/echo ping", "confirmed " + id),
                Set.of(events.next(), events.next()));
    }

    @Test
    void invalidMessagesAreRefusedSayingWhy() throws Exception {
        broker = TestBroker.plain(USERS);
        DataServiceImpl dataService = dataService(broker.url(), false, new Events());

        KuraStoreException wildcard = assertThrows(KuraStoreException.class,
                () -> dataService.publish("a/+/b", bytes("x"), 1, false, 5));
        assertTrue(wildcard.getMessage().contains("wildcard"), wildcard.getMessage());
        KuraStoreException qos = assertThrows(KuraStoreException.class,
                () -> dataService.publish("a/b", bytes("x"), 3, false, 5));
        assertTrue(qos.getMessage().contains("QoS"), qos.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
