package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker admits only the credentials of provision requests and confines each device. */
class AdmissionTest {

    @TempDir
    Path directory;

    private RunningPlatform platform;

    @BeforeEach
    void start() throws Exception {
        platform = Platform.start(PlatformOptions.builder().noResponder().build());
        platform.addRequest(Fixtures.request(directory, "dev1").build());
        platform.addRequest(Fixtures.request(directory, "dev2").build());
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void refusesUnknownCredentialsWithReturnCode4Or5() {
        for (String[] credentials : new String[][] {
            {"dev1", "dev1-user", "wrong-password"},
            {"dev1", "dev2-user", "pw-dev2"},
            {"ghost", "ghost-user", "pw-ghost"},
            {"dev1", "dev1-user", ""}}) {
            MqttException refused = assertThrows(MqttException.class,
                    () -> TestDevice.connect(platform, credentials[0], credentials[1], credentials[2]).close());
            assertTrue(refused.getReasonCode() == 4 || refused.getReasonCode() == 5,
                    "reason code " + refused.getReasonCode() + " for " + credentials[0]);
        }
    }

    @Test
    void admitsTheCredentialsOfAProvisionRequest() throws Exception {
        try (TestDevice device = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1")) {
            assertTrue(device.client().isConnected());
        }
    }

    @Test
    void refusesCredentialsOnceTheirRequestIsRemoved() throws Exception {
        platform.removeRequest("dev1");
        MqttException refused = assertThrows(MqttException.class,
                () -> TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1").close());
        assertTrue(refused.getReasonCode() == 4 || refused.getReasonCode() == 5);
    }

    @Test
    void aDeviceCannotSubscribeOutsideItsOwnTree() throws Exception {
        try (TestDevice device = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1")) {
            device.subscribeReplies();
            device.subscribe("$EDC/kura-provision/dev1/#");
            Confinement.assertSubscriptionsRefused(device, "#", "$EDC/#", "$EDC/kura-provision/#",
                    "$EDC/kura-provision/+/#", "$EDC/kura-provision/dev2/#", "$EDC/+/dev1/#", "$EDC/acme/dev1/#");
        }
    }

    @Test
    void aDeviceCannotPublishIntoAnotherDevicesTree() throws Exception {
        try (TestDevice intruder = TestDevice.connect(platform, "dev1", "dev1-user", "pw-dev1");
                TestDevice victim = TestDevice.connect(platform, "dev2", "dev2-user", "pw-dev2")) {
            // QoS 0: the broker acknowledges nothing it refuses.
            Confinement.assertForgedReplyNeverArrives(intruder, victim,
                    (device, topic, payload) -> device.client().publish(topic, payload, 0, false));
        }
    }
}
