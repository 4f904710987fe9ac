package dev.kprov.emulator.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.security.keystore.KeystoreService;
import org.eclipse.kura.ssl.SslManagerService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.emulator.keystore.Pkcs12KeystoreService;
import dev.kprov.emulator.testing.LoopbackTlsServer;
import dev.kprov.emulator.testing.TestPki;

/** Connections through the SSL manager to a TLS server on the loopback interface. */
class KeystoreSslManagerServiceTest {

    private static final int IO_TIMEOUT_MS = 10_000;
    private static TestPki.Issued ca;
    private static TestPki.Issued loopbackServer;
    private static TestPki.Issued otherNameServer;

    @TempDir
    Path dir;
    private KeystoreService keystore;
    private SslManagerService sslManager;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("broker CA");
        loopbackServer = TestPki.server(ca, "localhost", TestPki.loopbackNames());
        otherNameServer = TestPki.server(ca, "broker.example.com", TestPki.dnsName("broker.example.com"));
    }

    @BeforeEach
    void open() throws Exception {
        keystore = new Pkcs12KeystoreService(dir.resolve("ssl.p12"), "ssl-test-password".toCharArray());
        sslManager = new KeystoreSslManagerService(keystore);
    }

    private static LoopbackTlsServer serve(TestPki.Issued server, X509Certificate... clientTrust) throws Exception {
        return new LoopbackTlsServer(server.keyPair.getPrivate(),
                new X509Certificate[] { server.certificate, ca.certificate }, List.of(clientTrust));
    }

    /** Connects, completes the handshake and returns what the server saw of the client. */
    private static String exchange(SSLSocketFactory factory, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(IO_TIMEOUT_MS);
            socket.startHandshake();
            return new DataInputStream(socket.getInputStream()).readUTF();
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    @Test
    void theServerIsTrustedOnlyWhileItsCaIsInTheKeystore() throws Exception {
        try (LoopbackTlsServer server = serve(loopbackServer)) {
            SSLHandshakeException untrusted = assertThrows(SSLHandshakeException.class,
                    () -> exchange(sslManager.getSSLSocketFactory(), server.port()));
            assertTrue(causes(untrusted).contains("no trusted certificate"), causes(untrusted));

            keystore.setEntry("broker-ca", new TrustedCertificateEntry(ca.certificate));
            assertEquals(LoopbackTlsServer.ANONYMOUS, exchange(sslManager.getSSLSocketFactory(), server.port()));

            keystore.deleteEntry("broker-ca");
            keystore.setEntry("unrelated-ca", new TrustedCertificateEntry(TestPki.ca("unrelated").certificate));
            assertThrows(SSLHandshakeException.class, () -> exchange(sslManager.getSSLSocketFactory(), server.port()));
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        keystore.setEntry("broker-ca", new TrustedCertificateEntry(ca.certificate));
        try (LoopbackTlsServer server = serve(otherNameServer)) {
            SSLHandshakeException connected = assertThrows(SSLHandshakeException.class,
                    () -> exchange(sslManager.getSSLSocketFactory(), server.port()));
            assertTrue(causes(connected).contains("127.0.0.1"), causes(connected));

            // Paho's way: an unconnected socket, connected afterwards.
            assertThrows(SSLHandshakeException.class, () -> {
                try (SSLSocket socket = (SSLSocket) sslManager.getSSLSocketFactory().createSocket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), IO_TIMEOUT_MS);
                    socket.setSoTimeout(IO_TIMEOUT_MS);
                    socket.startHandshake();
                }
            });

            // The same server passes once host name verification is off: only the name was wrong.
            @SuppressWarnings("deprecation")
            SSLSocketFactory unverified = sslManager.getSSLSocketFactory(null, null, null, null, null, null, false);
            assertEquals(LoopbackTlsServer.ANONYMOUS, exchange(unverified, server.port()));
        }
    }

    @Test
    void socketsSpeakOnlyTls13And12AndVerifyTheHostName() throws Exception {
        try (SSLSocket socket = (SSLSocket) sslManager.getSSLSocketFactory().createSocket()) {
            assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(socket.getEnabledProtocols()));
            assertEquals("HTTPS", socket.getSSLParameters().getEndpointIdentificationAlgorithm());
        }
    }

    @Test
    void theClientAuthenticatesWithTheKeyOfTheGivenAlias() throws Exception {
        keystore.setEntry("broker-ca", new TrustedCertificateEntry(ca.certificate));
        keystore.createKeyPair("device-a", "EC", 256, "SHA256withECDSA", "CN=device-a");
        keystore.createKeyPair("device-b", "EC", 256, "SHA256withECDSA", "CN=device-b");

        try (LoopbackTlsServer server = serve(loopbackServer, certificate("device-a"), certificate("device-b"))) {
            assertEquals("CN=device-b", exchange(sslManager.getSSLSocketFactory("device-b"), server.port()));
            SSLContext context = sslManager.getSSLContext("device-a");
            assertEquals("CN=device-a", exchange(context.getSocketFactory(), server.port()));
        }
        KeyStoreException missing = assertThrows(KeyStoreException.class,
                () -> sslManager.getSSLSocketFactory("no-such-key"));
        assertTrue(missing.getMessage().contains("'no-such-key'"), missing.getMessage());
    }

    private X509Certificate certificate(String alias) throws Exception {
        return (X509Certificate) ((PrivateKeyEntry) keystore.getEntry(alias)).getCertificate();
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedCertificateMethodsWorkOnTheKeystore() throws Exception {
        sslManager.installTrustCertificate("broker-ca", ca.certificate);
        TestPki.Issued client = TestPki.client(ca, "client-1");
        sslManager.installPrivateKey("client", client.keyPair.getPrivate(), "ignored".toCharArray(),
                new Certificate[] { client.certificate, ca.certificate });

        assertArrayEquals(new X509Certificate[] { ca.certificate }, sslManager.getTrustCertificates());
        assertInstanceOf(TrustedCertificateEntry.class, keystore.getEntry("broker-ca"));
        assertEquals(client.keyPair.getPrivate(),
                assertInstanceOf(PrivateKeyEntry.class, keystore.getEntry("client")).getPrivateKey());
        try (LoopbackTlsServer server = serve(loopbackServer, ca.certificate)) {
            assertEquals("CN=client-1", exchange(sslManager.getSSLSocketFactory("client"), server.port()));
        }

        assertThrows(KeyStoreException.class, () -> sslManager.deleteTrustCertificate("client"));
        sslManager.deleteTrustCertificate("broker-ca");
        sslManager.deleteTrustCertificate("never-installed");

        assertEquals(0, sslManager.getTrustCertificates().length);
        assertEquals(List.of("client"), keystore.getAliases());
    }

    @Test
    @SuppressWarnings("deprecation")
    void theDeprecatedFactoriesHonourTheirArgumentsButNotStorePaths() throws Exception {
        keystore.setEntry("broker-ca", new TrustedCertificateEntry(ca.certificate));

        UnsupportedOperationException paths = assertThrows(UnsupportedOperationException.class,
                () -> sslManager.getSSLSocketFactory("TLSv1.2", null, "/opt/truststore.ks", null, null, null));
        assertTrue(paths.getMessage().contains("KeystoreService"), paths.getMessage());
        assertThrows(NoSuchAlgorithmException.class,
                () -> sslManager.getSSLSocketFactory("SSLv2", null, null, null, null, null));
        assertThrows(NoSuchAlgorithmException.class,
                () -> sslManager.getSSLSocketFactory(null, "TLS_NO_SUCH_SUITE", null, null, null, null));

        SSLSocketFactory tls12 = sslManager.getSSLSocketFactory("TLSv1.2",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", null, null, null, null);
        try (LoopbackTlsServer server = serve(loopbackServer);
                SSLSocket socket = (SSLSocket) tls12.createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(IO_TIMEOUT_MS);
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", socket.getSession().getCipherSuite());
        }
    }
}
