package dev.kprov.emulator.data.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Kura's broker URL forms, as Paho is given them. */
class BrokerUrlTest {

    @Test
    void kurasSchemesBecomePahosAndTheTrailingSlashGoes() {
        assertEquals("tcp://broker-url:1883", BrokerUrl.parse("mqtt://broker-url:1883/").pahoUri());
        assertEquals("ssl://broker.example.com:8883", BrokerUrl.parse(" mqtts://broker.example.com:8883 ").pahoUri());
        assertEquals("tcp://10.0.0.1", BrokerUrl.parse("tcp://10.0.0.1").pahoUri());
        assertEquals("wss://broker.example.com:443/mqtt", BrokerUrl.parse("wss://broker.example.com:443/mqtt").pahoUri());
    }

    @Test
    void tlsIsMqttsSslAndWss() {
        assertTrue(BrokerUrl.parse("mqtts://h:8883").tls());
        assertTrue(BrokerUrl.parse("ssl://h:8883").tls());
        assertTrue(BrokerUrl.parse("wss://h:443").tls());
        assertFalse(BrokerUrl.parse("mqtt://h:1883").tls());
        assertFalse(BrokerUrl.parse("ws://h:80").tls());
    }

    @Test
    void whatCannotBeABrokerIsRefusedSayingWhy() {
        assertMessage("http://h:80", "must start with mqtt://");
        assertMessage("mqtt://:1883", "no host name");
        assertMessage("mqtt://user:pw@h:1883", "user information");
        assertMessage("mqtt://h:1883/path", "must not have a path");
        assertMessage("", "empty");
        assertMessage("mqtt://h:1883 x", "not a URL");
    }

    private static void assertMessage(String url, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> BrokerUrl.parse(url));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
