package org.eclipse.kura.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Type returned by {@link SystemService#getExtendedProperties()} (@since 2.2).
 * <p>
 * The fact sheet names this type but lists none of its members: the constructor and getters below are
 * a minimal stand-in of this reproduction, not Kura's signatures. kprov must not call them.
 */
public class ExtendedProperties {

    private final String version;
    private final Map<String, Map<String, String>> groups;

    public ExtendedProperties(String version, Map<String, Map<String, String>> groups) {
        this.version = version;
        this.groups = groups == null ? new LinkedHashMap<String, Map<String, String>>()
                : new LinkedHashMap<String, Map<String, String>>(groups);
    }

    public String getVersion() {
        return this.version;
    }

    public Map<String, Map<String, String>> getGroups() {
        return Collections.unmodifiableMap(this.groups);
    }
}
