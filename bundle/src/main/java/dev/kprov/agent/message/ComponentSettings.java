package dev.kprov.agent.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code esf:configuration} of a provisioning package: the PID, and its properties as Kura's
 * ConfigurationService takes them (Password values as {@code org.eclipse.kura.configuration.Password}).
 * {@code toString} shows the PID and property names only.
 */
public final class ComponentSettings {

    /** The property that makes a configuration a factory instance to create when missing (PROTOCOL.md 6.2). */
    public static final String FACTORY_PID = "service.factoryPid";

    private final String pid;
    private final Map<String, Object> properties;

    ComponentSettings(String pid, Map<String, Object> properties) {
        this.pid = pid;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String pid() {
        return pid;
    }

    /** The factory PID when this is a factory instance, else null. */
    public String factoryPid() {
        Object value = properties.get(FACTORY_PID);
        return value instanceof String ? (String) value : null;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return pid + properties.keySet();
    }
}
