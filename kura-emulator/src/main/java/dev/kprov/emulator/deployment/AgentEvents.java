package dev.kprov.emulator.deployment;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.osgi.service.event.Event;

/**
 * The events of {@link DeploymentAgentService}, with Kura's topics and property names. Name and version
 * are {@value #UNKNOWN} when no package was installed, as in Kura. {@code EVENT_EXCEPTION} is present
 * only on failure (Kura puts it with a {@code null} value on success: {@code getProperty} answers
 * {@code null} in both).
 */
final class AgentEvents {

    /** Kura's name and version of a package that DeploymentAdmin did not install. */
    static final String UNKNOWN = "UNKNOWN";

    private AgentEvents() {
    }

    /** {@code EVENT_INSTALLED_TOPIC}: url, name, version, successful and, on failure, exception. */
    static Event installed(String url, String name, String version, Exception failure) {
        Map<String, Object> properties = common(name, version, failure);
        properties.put(DeploymentAgentService.EVENT_PACKAGE_URL, url);
        return new Event(DeploymentAgentService.EVENT_INSTALLED_TOPIC, properties);
    }

    /** {@code EVENT_UNINSTALLED_TOPIC}: name, version, successful and, on failure, exception. */
    static Event uninstalled(String name, String version, Exception failure) {
        return new Event(DeploymentAgentService.EVENT_UNINSTALLED_TOPIC, common(name, version, failure));
    }

    private static Map<String, Object> common(String name, String version, Exception failure) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(DeploymentAgentService.EVENT_PACKAGE_NAME, name == null ? UNKNOWN : name);
        properties.put(DeploymentAgentService.EVENT_PACKAGE_VERSION, version == null ? UNKNOWN : version);
        properties.put(DeploymentAgentService.EVENT_SUCCESSFUL, Boolean.valueOf(failure == null));
        if (failure != null) {
            properties.put(DeploymentAgentService.EVENT_EXCEPTION, failure);
        }
        return properties;
    }
}
