package dev.kprov.agent.component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.Password;

/**
 * The agent's own configuration kept across a rollback. Kura's rollback restores every configuration of
 * the snapshot, the agent's included; but a run changes the agent's configuration only at step 11, so what
 * the agent's configuration holds when a run is rolled back is what a person set (while the run was in
 * flight, or while the gateway was down before a crash recovery) and stays.
 */
final class OwnSettings {

    private OwnSettings() {
    }

    /** The agent's configuration as ConfigurationService reports it, or null when it has none. */
    static Map<String, Object> read(ConfigurationService configuration) throws Exception {
        ComponentConfiguration own = configuration.getComponentConfiguration(ProvisioningService.PID);
        return own == null || own.getConfigurationProperties() == null ? null
                : new HashMap<>(own.getConfigurationProperties());
    }

    /** Rolls back to {@code snapshotId}, then writes the agent's configuration again if the rollback changed it. */
    static void rollbackKeepingOwn(ConfigurationService configuration, long snapshotId) throws Exception {
        Map<String, Object> own = read(configuration);
        configuration.rollback(snapshotId);
        if (own != null && !same(own, read(configuration))) {
            configuration.updateConfiguration(ProvisioningService.PID, own, false);
        }
    }

    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (b == null || !a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            if (!sameValue(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Password && b instanceof Password) {
            return Arrays.equals(((Password) a).getPassword(), ((Password) b).getPassword());
        }
        if (a instanceof Object[] && b instanceof Object[]) {
            Object[] left = (Object[]) a;
            Object[] right = (Object[]) b;
            if (left.length != right.length) {
                return false;
            }
            for (int i = 0; i < left.length; i++) {
                if (!sameValue(left[i], right[i])) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }
}
