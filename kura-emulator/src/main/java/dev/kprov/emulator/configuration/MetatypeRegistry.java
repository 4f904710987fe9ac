package dev.kprov.emulator.configuration;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.kura.configuration.metatype.OCD;

/**
 * The PIDs and factory PIDs that bundles' metatype designates, with their definitions, by providing bundle.
 * Thread safe.
 */
final class MetatypeRegistry {

    /** One designated PID ({@code factory} false) or factory PID, its OCD and the bundle that provides it. */
    record Designation(String pid, boolean factory, OCD ocd, long bundleId) {

        @Override
        public String toString() {
            return (factory ? "factory PID " : "PID ") + pid + " of bundle " + bundleId;
        }
    }

    private final Map<String, Designation> byPid = new ConcurrentHashMap<>();

    /** Records what one bundle designates, replacing what it designated before. */
    void register(long bundleId, Collection<Designation> designations) {
        remove(bundleId);
        for (Designation designation : designations) {
            byPid.put(designation.pid(), designation);
        }
    }

    /** Forgets what a bundle designates (it stopped or was uninstalled). */
    void remove(long bundleId) {
        byPid.values().removeIf(designation -> designation.bundleId() == bundleId);
    }

    /**
     * The OCD of a Kura PID: that of its factory when {@code factoryPid} is designated, as for an instance of a
     * factory component, else the one designated for the PID itself; {@code null} when neither is known.
     */
    OCD ocdFor(String pid, String factoryPid) {
        Designation designation = factoryPid == null ? null : byPid.get(factoryPid);
        if (designation == null && pid != null) {
            designation = byPid.get(pid);
        }
        return designation == null ? null : designation.ocd();
    }

    /** The designated factory PIDs, sorted. */
    Set<String> factoryPids() {
        Set<String> pids = new TreeSet<>();
        for (Designation designation : byPid.values()) {
            if (designation.factory()) {
                pids.add(designation.pid());
            }
        }
        return pids;
    }

    List<Designation> all() {
        return List.copyOf(byPid.values());
    }
}
