package dev.kprov.platform.broker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopicScopeTest {

    @Test
    void aDeviceScopeCoversItsOwnTreeOnly() {
        TopicScope device = new TopicScope("$EDC/kura-provision/dev1/#");
        assertTrue(device.covers("$EDC/kura-provision/dev1/PROV-V1/POST/provision"));
        assertTrue(device.covers("$EDC/kura-provision/dev1/PROV-V1/REPLY/#"));
        assertTrue(device.covers("$EDC/kura-provision/dev1/+/REPLY/+"));
        assertTrue(device.covers("$EDC/kura-provision/dev1/#"));
        assertTrue(device.covers("$EDC/kura-provision/dev1"));
        assertFalse(device.covers("$EDC/kura-provision/dev2/PROV-V1/REPLY/x"));
        assertFalse(device.covers("$EDC/kura-provision/+/PROV-V1/REPLY/x"));
        assertFalse(device.covers("$EDC/kura-provision/#"));
        assertFalse(device.covers("$EDC/+/dev1/#"));
        assertFalse(device.covers("#"));
        assertFalse(device.covers("$EDC/kura-provision"));
        assertFalse(device.covers("$EDC/kura-provision/dev1x/a"));
    }

    @Test
    void theResponderScopeCoversEveryDevicesProvisioningTopicsOnly() {
        TopicScope responder = new TopicScope("$EDC/kura-provision/+/PROV-V1/#");
        assertTrue(responder.covers("$EDC/kura-provision/+/PROV-V1/POST/provision"));
        assertTrue(responder.covers("$EDC/kura-provision/+/PROV-V1/NOTIFY/#"));
        assertTrue(responder.covers("$EDC/kura-provision/dev1/PROV-V1/REPLY/0123"));
        assertFalse(responder.covers("$EDC/kura-provision/#"));
        assertFalse(responder.covers("$EDC/kura-provision/dev1/MQTT/BIRTH"));
        assertFalse(responder.covers("$EDC/acme/dev1/PROV-V1/REPLY/0123"));
        assertFalse(responder.covers("$EDC/kura-provision/+/+/REPLY/x"));
    }
}
