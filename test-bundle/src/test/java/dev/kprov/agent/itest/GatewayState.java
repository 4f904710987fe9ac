package dev.kprov.agent.itest;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.security.keystore.KeystoreService;
import org.osgi.service.deploymentadmin.DeploymentAdmin;

/**
 * What a person would compare on a gateway before and after a run: every configuration but the agent's
 * own, the truststore, the deployment packages but the agent's own (an update of the agent changes its
 * version, not the gateway).
 */
final class GatewayState {

    private GatewayState() {
    }

    static Map<String, Object> of(ConfigurationService configurationService, KeystoreService keystore,
            DeploymentAdmin deploymentAdmin) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        for (ComponentConfiguration configuration : configurationService.getComponentConfigurations()) {
            if (!configuration.getPid().equals(AgentConfig.PID) && configuration.getConfigurationProperties() != null) {
                Map<String, Object> properties = new TreeMap<>();
                configuration.getConfigurationProperties().forEach((key, value) -> properties.put(key, render(value)));
                state.put("configuration " + configuration.getPid(), properties);
            }
        }
        state.put("truststore", new TreeSet<>(keystore.getAliases()));
        state.put("packages", Arrays.stream(deploymentAdmin.listDeploymentPackages())
                .filter(p -> !p.getName().equals("dev.kprov.agent"))
                .map(p -> p.getName() + " " + p.getVersion()).sorted().collect(Collectors.toList()));
        return state;
    }

    /** Arrays by content; passwords by a fingerprint, so that no secret reaches a failure message. */
    private static Object render(Object value) {
        if (value instanceof Password) {
            return "password#" + Arrays.hashCode(((Password) value).getPassword());
        }
        if (value instanceof Object[]) {
            return Arrays.deepToString((Object[]) value);
        }
        if (value != null && value.getClass().isArray()) {
            return value.getClass().getComponentType() + "[]#" + java.lang.reflect.Array.getLength(value);
        }
        return value;
    }
}
