package dev.kprov.agent.component;

import java.util.Map;

import org.eclipse.kura.system.SystemService;

import dev.kprov.emulator.crypto.AesCryptoService;
import dev.kprov.emulator.system.PropertiesSystemService;

/** Options as the component would build them, for tests outside this package. */
public final class OptionsFixture {

    public static final Map<String, Object> ENABLED = Map.of("enabled", true, "broker-url",
            "mqtts://provision.example.com:8883");

    private static final SystemService SYSTEM = new PropertiesSystemService(
            Map.of(PropertiesSystemService.KEY_PRIMARY_MAC, "00:E0:C7:A1:B2:C3", SystemService.KEY_SERIAL_NUM, "SN1"));

    private OptionsFixture() {
    }

    public static Options parse(Map<String, Object> properties) throws InvalidSettingException {
        ConfigFixture config = new ConfigFixture();
        properties.forEach(config::with);
        return Options.parse(config.build(), new AesCryptoService("0123456789abcdef"), SYSTEM);
    }

    public static InvalidSettingException rejection(Map<String, Object> properties) {
        try {
            parse(properties);
        } catch (InvalidSettingException e) {
            return e;
        }
        throw new AssertionError("accepted: " + properties);
    }
}
