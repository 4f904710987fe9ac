package dev.kprov.emulator.data;

import java.nio.file.Path;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.crypto.CryptoService;

import dev.kprov.emulator.crypto.AesCryptoService;
import dev.kprov.emulator.data.transport.MqttDataTransport;
import dev.kprov.emulator.keystore.Pkcs12KeystoreService;
import dev.kprov.emulator.ssl.KeystoreSslManagerService;
import dev.kprov.emulator.system.PropertiesSystemService;

/**
 * The Kura services around the data components, as plain Java objects: crypto, system (with a primary MAC
 * address), a keystore and the SSL manager over it. Makes transports and DataServices as SCR would, and
 * deactivates every one it made on {@link #close()}, last made first.
 */
final class EmulatedGateway implements AutoCloseable {

    static final String MAC = "AA:BB:CC:00:11:22";
    private static final String CRYPTO_KEY = "kprov-S3CR3T-key";
    private static final char[] KEYSTORE_PASSWORD = "keystore-S3CR3T".toCharArray();

    final CryptoService crypto = new AesCryptoService(CRYPTO_KEY);
    final PropertiesSystemService system = new PropertiesSystemService(
            Map.of(PropertiesSystemService.KEY_PRIMARY_MAC, MAC));
    final Pkcs12KeystoreService keystore;
    final KeystoreSslManagerService sslManager;
    private final Deque<Runnable> deactivations = new ArrayDeque<>();

    EmulatedGateway(Path dir) throws Exception {
        keystore = new Pkcs12KeystoreService(dir.resolve("ssl.p12"), KEYSTORE_PASSWORD);
        sslManager = new KeystoreSslManagerService(keystore);
    }

    /** Trusts {@code ca} for TLS connections, as provisioning does. */
    void trust(X509Certificate ca) throws Exception {
        keystore.setEntry("account-broker-ca", new TrustedCertificateEntry(ca));
    }

    /** A password as Kura's ConfigurationService hands it to a component: encrypted with the gateway's key. */
    String encrypted(String password) throws Exception {
        return new String(crypto.encryptAes(password.toCharArray()));
    }

    /** A transport configuration: the broker, the account, the credentials; the rest Kura's defaults. */
    Map<String, Object> transportConfig(String brokerUrl, String username, String password) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("broker-url", brokerUrl);
        config.put("topic.context.account-name", "ACME");
        config.put("username", username);
        config.put("password", encrypted(password));
        config.put("client-id", "gateway-1");
        config.put("timeout", 5);
        return config;
    }

    /** Activates a transport, with the SSL manager bound. */
    MqttDataTransport transport(Map<String, Object> config) {
        MqttDataTransport transport = new MqttDataTransport(system, crypto, config);
        transport.setSslManagerService(sslManager);
        deactivations.push(transport::deactivate);
        return transport;
    }

    /** A DataService configuration: auto-connect and its retry interval in seconds. */
    static Map<String, Object> dataConfig(boolean autoConnect, int retrySeconds) {
        Map<String, Object> config = new HashMap<>();
        config.put("connect.auto-on-startup", autoConnect);
        config.put("connect.retry-interval", retrySeconds);
        config.put("disconnect.quiesce-timeout", 0);
        return config;
    }

    /** Activates a DataService over {@code transport}. */
    DataServiceImpl dataService(MqttDataTransport transport, Map<String, Object> config) {
        DataServiceImpl dataService = new DataServiceImpl(transport, config);
        deactivations.push(dataService::deactivate);
        return dataService;
    }

    /** Deactivates what this made, as SCR does: the DataService before its transport. */
    @Override
    public void close() {
        while (!deactivations.isEmpty()) {
            deactivations.pop().run();
        }
    }
}
