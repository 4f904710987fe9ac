package dev.kprov.emulator.configuration;

import java.util.Map;

import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.metatype.OCD;

/**
 * A {@link ComponentConfiguration} as the service returns it: the PID, its OCD ({@code null} when none is
 * known) and a mutable map of properties that the caller owns, as in Kura. {@code toString} shows the PID
 * only: the properties may hold passwords in clear.
 */
record ComponentConfigurationImpl(String pid, OCD definition, Map<String, Object> properties)
        implements ComponentConfiguration {

    @Override
    public String getPid() {
        return pid;
    }

    @Override
    public OCD getDefinition() {
        return definition;
    }

    @Override
    public Map<String, Object> getConfigurationProperties() {
        return properties;
    }

    @Override
    public String toString() {
        return "ComponentConfiguration " + pid;
    }
}
