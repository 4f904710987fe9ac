package dev.kprov.emulator.configuration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@code esf:configuration} of a snapshot: the Kura PID and its properties. {@link org.eclipse.kura.configuration.Password}
 * values hold what the file holds: the encrypted text, except for the properties named in
 * {@code clearPasswords} ({@code encrypted="false"} in the XML), which hold clear text.
 */
record SnapshotEntry(String pid, Map<String, Object> properties, Set<String> clearPasswords) {

    SnapshotEntry {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        clearPasswords = Set.copyOf(clearPasswords);
    }

    SnapshotEntry(String pid, Map<String, Object> properties) {
        this(pid, properties, Set.of());
    }

    /** {@code service.factoryPid} of a factory instance, else {@code null}. */
    String factoryPid() {
        Object factoryPid = properties.get(org.osgi.service.cm.ConfigurationAdmin.SERVICE_FACTORYPID);
        return factoryPid instanceof String ? (String) factoryPid : null;
    }

    @Override
    public String toString() {
        return "configuration " + pid + " (" + properties.size() + " properties)";
    }
}
