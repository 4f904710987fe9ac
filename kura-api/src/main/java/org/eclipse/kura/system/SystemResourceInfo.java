package org.eclipse.kura.system;

/**
 * Element type of {@link SystemService#getSystemPackages()} (@since 2.2).
 * <p>
 * The fact sheet names this type but lists none of its members: the constructor and getters below are
 * a minimal stand-in of this reproduction, not Kura's signatures. kprov must not call them.
 */
public class SystemResourceInfo {

    private final String name;
    private final String version;

    public SystemResourceInfo(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public String getName() {
        return this.name;
    }

    public String getVersion() {
        return this.version;
    }
}
