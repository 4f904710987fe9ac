package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.kura.KuraConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.data.transport.MqttDataTransport;
import dev.kprov.emulator.testing.TestPki;

/** The MQTT transport over TLS through the emulator's SSL manager, with the broker's host name verified. */
class MqttDataTransportTlsTest {

    private static final String USER = MqttDataTransportTest.USER;
    private static final String PASSWORD = MqttDataTransportTest.PASSWORD;
    private static TestPki.Issued ca;
    private static TestPki.Issued loopbackServer;
    private static TestPki.Issued otherNameServer;

    @TempDir
    Path dir;
    private EmulatedGateway gateway;
    private TestBroker broker;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("account broker CA");
        loopbackServer = TestPki.server(ca, "localhost", TestPki.loopbackNames());
        otherNameServer = TestPki.server(ca, "broker.example.com", TestPki.dnsName("broker.example.com"));
    }

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

    private MqttDataTransport transportTo(TestPki.Issued serverIdentity) throws Exception {
        broker = TestBroker.tls(Map.of(USER, PASSWORD), serverIdentity, serverIdentity.certificate, ca.certificate);
        assertTrue(broker.url().startsWith("mqtts://127.0.0.1:"), broker.url());
        return gateway.transport(gateway.transportConfig(broker.url(), USER, PASSWORD));
    }

    @Test
    void connectsToATrustedBrokerWhoseCertificateNamesItsAddress() throws Exception {
        gateway.trust(ca.certificate);
        MqttDataTransport transport = transportTo(loopbackServer);

        transport.connect();

        assertEquals("gateway-1/" + USER, broker.awaitConnect());
        assertEquals("ssl://127.0.0.1:" + broker.port(), transport.getBrokerUrl());
    }

    @Test
    void aBrokerCertificateForAnotherHostNameIsRefused() throws Exception {
        gateway.trust(ca.certificate);
        MqttDataTransport transport = transportTo(otherNameServer);

        KuraConnectException refused = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(refused.getMessage().contains("TLS handshake with ssl://127.0.0.1:" + broker.port() + " failed"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
    }

    @Test
    void aBrokerWhoseCaIsNotTrustedIsRefused() throws Exception {
        MqttDataTransport transport = transportTo(loopbackServer);

        KuraConnectException refused = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(refused.getMessage().contains("TLS handshake"), refused.getMessage());
    }

    @Test
    void withoutAnSslManagerTlsIsRefusedSayingWhy() throws Exception {
        gateway.trust(ca.certificate);
        MqttDataTransport transport = transportTo(loopbackServer);
        transport.unsetSslManagerService(gateway.sslManager);

        KuraConnectException refused = assertThrows(KuraConnectException.class, transport::connect);

        assertTrue(refused.getMessage().contains("no SslManagerService"), refused.getMessage());
    }
}
