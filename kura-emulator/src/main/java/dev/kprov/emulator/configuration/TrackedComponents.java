package dev.kprov.emulator.configuration;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The {@code ConfigurableComponent} and {@code SelfConfiguringComponent} services the configuration service
 * tracks, by their {@code kura.service.pid}. Keyed by an opaque handle (the ServiceReference under DS); service
 * properties are read through a lookup function, so that this runs without a framework. Only records: binding
 * and unbinding never block. Thread safe.
 */
final class TrackedComponents {

    /** How to ask a SelfConfiguringComponent for its configuration (under DS: get, call, unget the service). */
    @FunctionalInterface
    interface SelfSource {
        ComponentConfiguration configuration() throws KuraException;
    }

    /**
     * One tracked service: its {@code kura.service.pid}, {@code service.pid}, {@code service.factoryPid} (or
     * {@code null}), and for a SelfConfiguringComponent how to reach it (else {@code null}).
     */
    record Tracked(String kuraPid, String servicePid, String factoryPid, SelfSource self) {

        boolean selfConfiguring() {
            return self != null;
        }
    }

    private final Map<Object, Tracked> byHandle = new ConcurrentHashMap<>();

    void put(Object handle, Tracked tracked) {
        byHandle.put(handle, tracked);
    }

    /**
     * Tracks (or tracks again, after its properties changed) a service with these service properties. As in
     * Kura, a service without {@code service.pid} or {@code kura.service.pid} is not tracked; the latter is
     * logged. Which of the two is missing is the result ({@code null} when tracked).
     */
    String track(Object handle, Function<String, Object> properties, SelfSource self) {
        String servicePid = firstString(properties.apply(Constants.SERVICE_PID));
        String kuraPid = firstString(properties.apply(ConfigurationService.KURA_SERVICE_PID));
        if (servicePid == null || kuraPid == null) {
            byHandle.remove(handle);
            return servicePid == null ? Constants.SERVICE_PID : ConfigurationService.KURA_SERVICE_PID;
        }
        String factoryPid = firstString(properties.apply(ConfigurationAdmin.SERVICE_FACTORYPID));
        byHandle.put(handle, new Tracked(kuraPid, servicePid, factoryPid, self));
        return null;
    }

    private static String firstString(Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof String[] && ((String[]) value).length > 0) {
            return ((String[]) value)[0];
        }
        if (value instanceof Collection && !((Collection<?>) value).isEmpty()) {
            return firstString(((Collection<?>) value).iterator().next());
        }
        return null;
    }

    void remove(Object handle) {
        byHandle.remove(handle);
    }

    /** Every tracked {@code kura.service.pid}, sorted. */
    Set<String> pids() {
        Set<String> pids = new TreeSet<>();
        for (Tracked tracked : byHandle.values()) {
            pids.add(tracked.kuraPid());
        }
        return pids;
    }

    boolean contains(String kuraPid) {
        return find(kuraPid).isPresent();
    }

    /** The tracked service with this PID; a ConfigurableComponent before a SelfConfiguringComponent. */
    Optional<Tracked> find(String kuraPid) {
        Tracked found = null;
        for (Tracked tracked : byHandle.values()) {
            if (tracked.kuraPid().equals(kuraPid) && (found == null || found.selfConfiguring())) {
                found = tracked;
            }
        }
        return Optional.ofNullable(found);
    }
}
