package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.data.transport.MqttDataTransport;
import dev.kprov.emulator.testing.TestPki;

/**
 * What a provisioning agent does at the end of a run: it writes the account broker's configuration into
 * the transport and turns auto-connect on, then waits for the connection. And what deactivation leaves.
 */
class AccountBrokerSwitchTest {

    private static final String ACCOUNT_USER = "acme-gateway-1";
    private static final String ACCOUNT_PASSWORD = "account-S3CR3T-4";

    @TempDir
    Path dir;
    private EmulatedGateway gateway;
    private TestBroker broker;

    @BeforeEach
    void start() throws Exception {
        gateway = new EmulatedGateway(dir);
    }

    @AfterEach
    void stop() {
        gateway.close();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theAccountConfigurationAndAutoConnectConnectToTheAccountBrokerOverTls() throws Exception {
        TestPki.Issued ca = TestPki.ca("account broker CA");
        TestPki.Issued server = TestPki.server(ca, "localhost", TestPki.loopbackNames());
        broker = TestBroker.tls(Map.of(ACCOUNT_USER, ACCOUNT_PASSWORD), server, server.certificate, ca.certificate);
        // A gateway as it boots: Kura's defaults, not connected.
        MqttDataTransport transport = gateway.transport(new HashMap<>());
        DataServiceImpl dataService = gateway.dataService(transport, new HashMap<>());
        Events events = new Events();
        dataService.addDataServiceListener(events);
        assertFalse(dataService.isAutoConnectEnabled());
        assertEquals(60, dataService.getRetryInterval());

        // The agent: trust the account broker's CA, write both configurations (as ConfigurationService
        // delivers them: the password encrypted), wait for the connection.
        gateway.trust(ca.certificate);
        Map<String, Object> account = new HashMap<>();
        account.put("broker-url", broker.url());
        account.put("topic.context.account-name", "ACME");
        account.put("username", ACCOUNT_USER);
        account.put("password", gateway.encrypted(ACCOUNT_PASSWORD));
        account.put("client-id", "gateway-1");
        transport.modified(account);
        Map<String, Object> autoConnect = new HashMap<>();
        autoConnect.put("connect.auto-on-startup", true);
        dataService.modified(autoConnect);

        events.expect("established");
        assertTrue(dataService.isConnected());
        assertTrue(dataService.isAutoConnectEnabled());
        assertEquals("gateway-1/" + ACCOUNT_USER, broker.awaitConnect());
        assertEquals("ssl://127.0.0.1:" + broker.port(), transport.getBrokerUrl());
    }

    @Test
    void aNewTransportConfigurationCutsShortAnAttemptInProgress() throws Exception {
        broker = TestBroker.plain(Map.of(ACCOUNT_USER, ACCOUNT_PASSWORD));
        Events events = new Events();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            silent.setSoTimeout((int) (Events.WAIT_SECONDS * 1000));
            // Auto-connect on, retrying only every 60 s, towards something that never answers CONNECT.
            MqttDataTransport transport = gateway.transport(gateway.transportConfig(
                    "mqtt://127.0.0.1:" + silent.getLocalPort(), ACCOUNT_USER, ACCOUNT_PASSWORD));
            gateway.dataService(transport, EmulatedGateway.dataConfig(true, 60)).addDataServiceListener(events);
            try (Socket attempt = silent.accept()) {
                attempt.setSoTimeout((int) (Events.WAIT_SECONDS * 1000));
                assertEquals(0x10, attempt.getInputStream().read(), "not an MQTT CONNECT");

                transport.modified(gateway.transportConfig(broker.url(), ACCOUNT_USER, ACCOUNT_PASSWORD));

                // Neither the attempt's timeout nor the retry interval is waited for.
                events.expect("established");
                assertEquals("gateway-1/" + ACCOUNT_USER, broker.awaitConnect());
            }
        }
        gateway.close();
        assertEquals(List.of(), Threads.awaitAllEnded());
    }

    @Test
    void deactivationDisconnectsAndEndsEveryThread() throws Exception {
        broker = TestBroker.plain(Map.of(ACCOUNT_USER, ACCOUNT_PASSWORD));
        MqttDataTransport connected = gateway
                .transport(gateway.transportConfig(broker.url(), ACCOUNT_USER, ACCOUNT_PASSWORD));
        Events events = new Events();
        gateway.dataService(connected, EmulatedGateway.dataConfig(true, 1)).addDataServiceListener(events);
        events.expect("established");
        // A second one retrying a port where no broker listens.
        MqttDataTransport retrying = gateway.transport(
                gateway.transportConfig("mqtt://127.0.0.1:" + TestBroker.freePort(), ACCOUNT_USER, ACCOUNT_PASSWORD));
        gateway.dataService(retrying, EmulatedGateway.dataConfig(true, 1));
        assertFalse(Threads.alive().isEmpty());

        gateway.close();

        assertFalse(connected.isConnected());
        assertEquals(List.of(), Threads.awaitAllEnded());
    }
}
