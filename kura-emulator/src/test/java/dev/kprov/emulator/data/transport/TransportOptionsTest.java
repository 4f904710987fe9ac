package dev.kprov.emulator.data.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

import dev.kprov.emulator.crypto.AesCryptoService;
import dev.kprov.emulator.system.PropertiesSystemService;

/** The transport's configuration as ConfigurationService delivers it. */
class TransportOptionsTest {

    private static final String PID = MqttDataTransport.PID;
    private final CryptoService crypto = new AesCryptoService("kprov-S3CR3T-key");
    private final PropertiesSystemService system = new PropertiesSystemService(
            Map.of(PropertiesSystemService.KEY_PRIMARY_MAC, "aa:bb:cc:00:11:22"));

    private TransportOptions read(Map<String, Object> properties) {
        return TransportOptions.read(PID, properties, crypto, system);
    }

    @Test
    void anEmptyConfigurationIsKurasDefaults() {
        TransportOptions options = read(new HashMap<>());

        assertNull(options.problem());
        assertEquals("tcp://broker-url:1883", options.broker.pahoUri());
        assertEquals("account-name", options.accountName);
        assertEquals("username", options.username);
        assertEquals("AABBCC001122", options.clientId);
        assertEquals(30, options.keepAliveSeconds);
        assertEquals(10, options.timeoutSeconds);
        assertTrue(options.cleanSession);
        assertEquals(MqttConnectOptions.MQTT_VERSION_3_1_1, options.mqttVersion);
        assertEquals("$EDC/account-name/AABBCC001122/MQTT/LWT", options.topic(options.lwtTopic));
    }

    @Test
    void theEncryptedPasswordIsDecryptedAndAPlainOneTakenAsGiven() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("password", new String(crypto.encryptAes("broker-S3CR3T".toCharArray())));
        assertArrayEquals("broker-S3CR3T".toCharArray(), read(properties).password());

        properties.put("password", "plain-S3CR3T");
        assertArrayEquals("plain-S3CR3T".toCharArray(), read(properties).password());

        properties.put("password", new Password(crypto.encryptAes("object-S3CR3T".toCharArray())));
        assertArrayEquals("object-S3CR3T".toCharArray(), read(properties).password());
    }

    @Test
    void theClientIdLosesTheCharactersThatWouldBreakTopics() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("client-id", "a/b+c#d.e");
        assertEquals("a-b-c-d-e", read(properties).clientId);
    }

    @Test
    void valuesAreReadWhateverTheirTypeAndBadOnesNamed() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("keep-alive", "45");
        properties.put("timeout", 20L);
        properties.put("clean-session", "false");
        properties.put("protocol-version", 3);
        TransportOptions options = read(properties);
        assertNull(options.problem());
        assertEquals(45, options.keepAliveSeconds);
        assertEquals(20, options.timeoutSeconds);
        assertFalse(options.cleanSession);
        assertEquals(MqttConnectOptions.MQTT_VERSION_3_1, options.mqttVersion);

        properties.put("timeout", 0);
        assertTrue(read(properties).problem().contains("timeout"), read(properties).problem());
        properties.put("timeout", 5);
        properties.put("lwt.qos", "two");
        assertTrue(read(properties).problem().contains("lwt.qos"), read(properties).problem());
    }

    @Test
    void withoutClientIdNorMacAddressTheConfigurationSaysSo() {
        TransportOptions options = TransportOptions.read(PID, new HashMap<>(), crypto,
                new PropertiesSystemService(Map.of()));
        assertTrue(options.problem().contains("client-id"), options.problem());
        assertFalse(options.toString().contains("password"));
    }
}
