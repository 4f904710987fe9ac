package dev.kprov.agent.component;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.configuration.Password;
import org.junit.jupiter.api.Test;

/** Whether a rollback changed the agent's own settings: values as ConfigurationService reports them. */
class OwnSettingsTest {

    private static Map<String, Object> settings(boolean enabled, String password, Integer... ports) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("enabled", enabled);
        settings.put("password", new Password(password));
        settings.put("ports", ports);
        return settings;
    }

    @Test
    void equalValuesInOtherInstancesAreTheSameSettings() {
        assertTrue(OwnSettings.same(settings(true, "pw-S3CR3T", 1, 2), settings(true, "pw-S3CR3T", 1, 2)));
    }

    @Test
    void anyChangedValueOrKeyIsAChange() {
        Map<String, Object> before = settings(true, "pw-S3CR3T", 1, 2);

        assertFalse(OwnSettings.same(before, settings(false, "pw-S3CR3T", 1, 2)));
        assertFalse(OwnSettings.same(before, settings(true, "other-S3CR3T", 1, 2)));
        assertFalse(OwnSettings.same(before, settings(true, "pw-S3CR3T", 1)));
        Map<String, Object> more = settings(true, "pw-S3CR3T", 1, 2);
        more.put("timeout", 30);
        assertFalse(OwnSettings.same(before, more));
        assertFalse(OwnSettings.same(before, null), "no configuration after the rollback");
    }
}
