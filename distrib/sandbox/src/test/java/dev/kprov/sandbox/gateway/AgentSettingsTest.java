package dev.kprov.sandbox.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.kprov.sandbox.secret.Secret;

class AgentSettingsTest {

    @Test
    void aPersonSeesEverySettingButNoSecret() {
        AgentSettings settings = AgentSettings.enabled("mqtts://127.0.0.1:8883").set("client-id", "gw-1")
                .set("username", Optional.empty()).secret("password", Optional.of(Secret.of("pw-S3CR3T")))
                .secret("activation-key", Optional.of(Secret.of("AK-S3CR3T"))).set("retry-interval", 1);

        assertEquals("broker-url mqtts://127.0.0.1:8883, client-id gw-1, retry-interval 1, password <set>, "
                + "activation-key <set>", settings.describe());
        assertFalse(settings.toString().contains("S3CR3T"));
    }

    @Test
    void generatedSecretsDifferAndPrintAsSet() {
        Secret one = Secret.generate(24);
        Secret two = Secret.generate(24);

        assertFalse(one.sameAs(two));
        assertEquals(24, one.reveal().length());
        assertEquals("<set>", one.toString());
    }

    @Test
    void theSimulatedGatewaysHaveConsecutiveMacAddresses() {
        GatewaySpec first = GatewaySpec.numbered(1, java.nio.file.Path.of("g"));
        GatewaySpec third = GatewaySpec.numbered(3, java.nio.file.Path.of("g"));

        assertEquals("00E0C7A1B2C3", first.clientId());
        assertEquals("00:E0:C7:A1:B2:C3", first.macAddress());
        assertEquals("00E0C7A1B2C5", third.clientId());
        assertEquals("SN-SANDBOX-0003", third.serialNumber());
        assertEquals(java.nio.file.Path.of("g", "00E0C7A1B2C5"), third.folder());
    }
}
