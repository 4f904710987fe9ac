package dev.kprov.emulator.configuration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigurationAdmin in a map, with its rules that matter here: it reports {@code service.pid} and
 * {@code service.factoryPid} among the properties, names factory configurations itself, and holds only
 * simple types (a {@code Password} object is refused, as a real ConfigurationAdmin refuses it).
 */
final class MemoryConfigStore implements ConfigStore {

    private record Entry(String factoryPid, Map<String, Object> properties) {
    }

    private final Map<String, Entry> configurations = new LinkedHashMap<>();
    private int updates;
    private int nextFactoryIndex;

    int updates() {
        return updates;
    }

    /** Writes around the service, as a test or another bundle could with ConfigurationAdmin. */
    void put(String servicePid, Map<String, Object> properties) {
        check(properties);
        configurations.put(servicePid, new Entry(null, new LinkedHashMap<>(properties)));
    }

    Map<String, Object> properties(String servicePid) {
        Entry entry = configurations.get(servicePid);
        return entry == null ? null : reported(servicePid, entry).properties();
    }

    /** The ConfigurationAdmin PIDs of every configuration. */
    Collection<String> servicePids() {
        return new ArrayList<>(configurations.keySet());
    }

    @Override
    public synchronized List<Stored> listManaged() {
        List<Stored> managed = new ArrayList<>();
        configurations.forEach((pid, entry) -> {
            if (entry.properties().get(ConfigurationService.KURA_SERVICE_PID) != null) {
                managed.add(reported(pid, entry));
            }
        });
        return managed;
    }

    @Override
    public synchronized Optional<Stored> findManaged(String kuraPid) {
        Stored found = null;
        for (Stored stored : listManaged()) {
            if (kuraPid.equals(stored.kuraPid()) && (found == null || stored.servicePid().equals(kuraPid))) {
                found = stored;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public synchronized Optional<Stored> get(String servicePid) {
        Entry entry = configurations.get(servicePid);
        return entry == null ? Optional.empty() : Optional.of(reported(servicePid, entry));
    }

    @Override
    public synchronized void update(String servicePid, Map<String, Object> properties) throws IOException {
        check(properties);
        Entry existing = configurations.get(servicePid);
        configurations.put(servicePid,
                new Entry(existing == null ? null : existing.factoryPid(), new LinkedHashMap<>(properties)));
        updates++;
    }

    @Override
    public synchronized String createFactory(String factoryPid, Map<String, Object> properties) {
        check(properties);
        String servicePid = factoryPid + "." + (++nextFactoryIndex);
        configurations.put(servicePid, new Entry(factoryPid, new LinkedHashMap<>(properties)));
        updates++;
        return servicePid;
    }

    @Override
    public synchronized void delete(String servicePid) {
        configurations.remove(servicePid);
    }

    private static Stored reported(String servicePid, Entry entry) {
        Map<String, Object> properties = new LinkedHashMap<>(entry.properties());
        properties.put(Constants.SERVICE_PID, servicePid);
        if (entry.factoryPid() != null) {
            properties.put(ConfigurationAdmin.SERVICE_FACTORYPID, entry.factoryPid());
        }
        return new Stored(servicePid, entry.factoryPid(), properties);
    }

    private static void check(Map<String, Object> properties) {
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            Object value = property.getValue();
            Object sample = value != null && value.getClass().isArray() && java.lang.reflect.Array.getLength(value) > 0
                    ? java.lang.reflect.Array.get(value, 0)
                    : value;
            if (value == null || !(sample instanceof String || sample instanceof Number || sample instanceof Boolean
                    || sample instanceof Character || value.getClass().isArray() && sample == null)) {
                throw new IllegalArgumentException("ConfigurationAdmin cannot hold property " + property.getKey());
            }
            if (Constants.SERVICE_PID.equals(property.getKey())
                    || ConfigurationAdmin.SERVICE_FACTORYPID.equals(property.getKey())) {
                throw new IllegalArgumentException("ConfigurationAdmin sets " + property.getKey() + " itself");
            }
        }
    }
}
