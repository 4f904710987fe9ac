package dev.kprov.sandbox.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.kprov.sandbox.gateway.GatewayException;
import dev.kprov.sandbox.gateway.GatewayServices;
import dev.kprov.sandbox.show.Narrator;

/**
 * What a failed run must leave as it found it (PROTOCOL.md section 10): the account connection's settings
 * and the keystore's entries. Read before enabling the agent and after it gave up, and compared for a
 * person.
 */
final class Rollbacks {

    private static final String TRANSPORT_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    private static final String DATA_SERVICE_PID = "org.eclipse.kura.data.DataService";

    private Rollbacks() {
    }

    /** The settings a package changes (secrets left out) and the keystore's aliases. */
    static Map<String, Object> snapshot(GatewayServices services) throws GatewayException {
        Map<String, Object> seen = new LinkedHashMap<>();
        Map<String, Object> transport = services.componentConfiguration(TRANSPORT_PID);
        for (String key : new String[] { "broker-url", "username", "client-id", "topic.context.account-name" }) {
            seen.put("MqttDataTransport " + key, transport.get(key));
        }
        seen.put("DataService connect.auto-on-startup",
                services.componentConfiguration(DATA_SERVICE_PID).get("connect.auto-on-startup"));
        seen.put("keystore entries", services.keystoreAliases());
        return seen;
    }

    /** Tells, setting by setting, whether the gateway is as it was before the agent was enabled. */
    static void compare(Map<String, Object> before, Map<String, Object> after, String who, Narrator narrator) {
        boolean same = true;
        for (Map.Entry<String, Object> entry : before.entrySet()) {
            Object now = after.get(entry.getKey());
            if (!Objects.equals(entry.getValue(), now)) {
                same = false;
                narrator.step(who, "CHANGED after the failed attempts: " + entry.getKey() + " was " + entry.getValue()
                        + ", is " + now);
            }
        }
        if (same) {
            narrator.step(who, "after the failed attempts the gateway is as before: MqttDataTransport broker-url "
                    + before.get("MqttDataTransport broker-url") + ", DataService connect.auto-on-startup "
                    + before.get("DataService connect.auto-on-startup") + ", keystore " + before.get("keystore entries"));
        }
    }
}
