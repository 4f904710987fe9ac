package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.pki.KeyMaterial;
import dev.kprov.platform.pki.Pem;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.pki.StateDirectory;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/** The production shapes: the responder serving a broker it does not own, and keys loaded from files. */
class ServeAnyBrokerTest {

    @TempDir
    Path directory;

    @Test
    void theResponderServesAnotherBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("websocket_port", "disabled");
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("allow_anonymous", "true");
        Server other = new Server();
        other.startServer(new MemoryConfig(properties));
        String url = "mqtt://127.0.0.1:" + port;
        try (RunningPlatform platform = Platform.start(PlatformOptions.builder()
                .externalBroker(new PlatformOptions.ExternalBroker(url, "responder", "pw".toCharArray(),
                        Optional.empty())).build())) {
            assertEquals(url, platform.brokerUrl());
            assertTrue(platform.brokerCaPem().isEmpty());
            platform.addRequest(Fixtures.request(directory, "ext1").build());
            try (TestDevice device = TestDevice.connect(url, null, "kura-provision", "ext1", "anyone", "any")) {
                device.subscribeReplies();
                String requestId = device.request(null);
                ProvisionReply reply = device.nextReply();
                assertEquals(200, reply.responseCode());
                assertEquals(requestId, PackageVerifier.verify(reply.body().orElseThrow(), platform.signerRootPem())
                        .requestId());
            }
        } finally {
            other.stopServer();
        }
    }

    @Test
    void signerAndBrokerKeysLoadFromPkcs12() throws Exception {
        Path generated = directory.resolve("generated");
        StateDirectory state = new StateDirectory(Optional.of(generated), KeyAlgorithm.RSA_2048,
                new java.security.SecureRandom(), java.time.Clock.systemUTC());
        SignerIdentity signer = state.signer();
        state.broker();
        char[] password = "p12-password".toCharArray();
        Path signerP12 = pkcs12(generated.resolve("signer-key.pem"), generated.resolve("signer-chain.pem"),
                directory.resolve("signer.p12"), password);
        Path brokerP12 = pkcs12(generated.resolve("broker-key.pem"), generated.resolve("broker-chain.pem"),
                directory.resolve("broker.p12"), password);
        List<java.security.cert.X509Certificate> brokerChain = Pem.readCertificates(generated.resolve("broker-chain.pem"));

        try (RunningPlatform platform = Platform.start(PlatformOptions.builder().signerPkcs12(signerP12, password)
                .brokerPkcs12(brokerP12, password).build())) {
            assertEquals(signer.rootPem(), platform.signerRootPem());
            assertEquals(Pem.certificates(List.of(brokerChain.get(brokerChain.size() - 1))),
                    platform.brokerCaPem().orElseThrow());
            platform.addRequest(Fixtures.request(directory, "p12").build());
            try (TestDevice device = TestDevice.connect(platform, "p12", "p12-user", "pw-p12")) {
                device.subscribeReplies();
                device.request(null);
                ProvisionReply reply = device.nextReply();
                assertEquals(200, reply.responseCode());
                PackageVerifier.verify(reply.body().orElseThrow(), signer.rootPem());
            }
        }
    }

    /** A PKCS#12 file holding the PEM key and chain, as an operator would bring one. */
    private static Path pkcs12(Path keyPem, Path chainPem, Path target, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        List<java.security.cert.X509Certificate> chain = Pem.readCertificates(chainPem);
        java.security.PrivateKey key = readKey(keyPem);
        store.setKeyEntry("key", key, password, chain.toArray(new Certificate[0]));
        try (OutputStream out = Files.newOutputStream(target)) {
            store.store(out, password);
        }
        return target;
    }

    private static java.security.PrivateKey readKey(Path pem) throws Exception {
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
                Files.newBufferedReader(pem))) {
            return new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(
                    (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject());
        }
    }

    @Test
    void aWrongKeyStorePasswordIsNamedWithoutThePassword() throws Exception {
        Path generated = directory.resolve("generated2");
        StateDirectory state = new StateDirectory(Optional.of(generated), KeyAlgorithm.EC_P256,
                new java.security.SecureRandom(), java.time.Clock.systemUTC());
        state.signer();
        Path p12 = pkcs12(generated.resolve("signer-key.pem"), generated.resolve("signer-chain.pem"),
                directory.resolve("s.p12"), "right-password".toCharArray());
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> KeyMaterial.loadSignerPkcs12(p12, "wrong-password".toCharArray()));
        assertTrue(failure.getMessage().contains("s.p12"), failure.getMessage());
        assertTrue(!failure.getMessage().contains("wrong-password") && !failure.getMessage().contains("right-password"));
    }
}
