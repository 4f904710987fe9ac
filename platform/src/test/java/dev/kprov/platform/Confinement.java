package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * What any broker the platform admits devices on must refuse an admitted device (issue 6): subscribing
 * outside its own tree, and publishing into another device's. Shared by the embedded broker's and
 * Mosquitto's admission tests.
 */
final class Confinement {

    /** How a broker is offered a PUBLISH it must not pass on (the brokers differ in what they acknowledge). */
    interface Forge {
        void publish(TestDevice intruder, String topic, byte[] payload) throws MqttException;
    }

    private Confinement() {
    }

    /** Each of {@code filters} is refused to {@code device} with SUBSCRIBE's failure code. */
    static void assertSubscriptionsRefused(TestDevice device, String... filters) {
        for (String filter : filters) {
            MqttException refused = assertThrows(MqttException.class, () -> device.subscribe(filter), filter);
            assertEquals(MqttException.REASON_CODE_SUBSCRIBE_FAILED, refused.getReasonCode(), filter);
        }
    }

    /**
     * dev1 forges a reply into dev2's tree, then publishes a marker into its own; dev2 then publishes its own
     * marker. On one connection the broker handles PUBLISHes in order, so once dev1's marker is acknowledged the
     * forged one has been handled: dev2 must see its own marker first, never the forged reply.
     */
    static void assertForgedReplyNeverArrives(TestDevice intruder, TestDevice victim, Forge forge) throws Exception {
        victim.subscribe("$EDC/kura-provision/dev2/#");
        forge.publish(intruder, "$EDC/kura-provision/dev2/PROV-V1/REPLY/forged", "forged".getBytes(StandardCharsets.UTF_8));
        intruder.publish("$EDC/kura-provision/dev1/PROV-V1/marker", "own".getBytes(StandardCharsets.UTF_8));
        victim.publish("$EDC/kura-provision/dev2/PROV-V1/marker", "marker".getBytes(StandardCharsets.UTF_8));
        TestDevice.Received first = victim.next(Duration.ofSeconds(10));
        assertEquals("$EDC/kura-provision/dev2/PROV-V1/marker", first.topic(),
                "the victim must see its own marker first, never the forged reply");
    }
}
