package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.OCD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.ConfigStore.Stored;
import dev.kprov.emulator.configuration.TrackedComponents.Tracked;

/**
 * Snapshots and rollback. A snapshot holds every configuration that has a {@code kura.service.pid} in
 * ConfigurationAdmin (tracked or not yet tracked, factory instances included), Password properties encrypted,
 * plus what each SelfConfiguringComponent without such a configuration reports. Rollback applies
 * {@link Rollback}'s rules.
 */
final class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private final ConfigurationManager manager;
    private final SnapshotFiles files;

    Snapshots(ConfigurationManager manager, SnapshotFiles files) {
        this.manager = manager;
        this.files = files;
    }

    SnapshotFiles files() {
        return files;
    }

    /** Writes the current configurations as a new snapshot; its id. */
    long take() throws KuraException {
        synchronized (manager.lock()) {
            return files.write(SnapshotXmlWriter.write(current()));
        }
    }

    SortedSet<Long> ids() throws KuraException {
        return files.ids();
    }

    /** The configurations of snapshot {@code id}, passwords decrypted; no definitions, as in Kura. */
    List<ComponentConfiguration> get(long id) throws KuraException {
        List<ComponentConfiguration> configurations = new ArrayList<>();
        for (SnapshotEntry entry : load(id)) {
            Map<String, Object> properties = new HashMap<>(entry.properties());
            for (Map.Entry<String, Object> property : properties.entrySet()) {
                if (entry.clearPasswords().contains(property.getKey())) {
                    continue;
                }
                Object value = property.getValue();
                if (value instanceof Password) {
                    property.setValue(clear(id, entry.pid(), property.getKey(), (Password) value));
                } else if (value instanceof Password[]) {
                    Password[] stored = (Password[]) value;
                    Password[] clear = new Password[stored.length];
                    for (int i = 0; i < stored.length; i++) {
                        clear[i] = clear(id, entry.pid(), property.getKey(), stored[i]);
                    }
                    property.setValue(clear);
                }
            }
            configurations.add(new ComponentConfigurationImpl(entry.pid(), null, properties));
        }
        return configurations;
    }

    /** The clear password; as Kura, one that does not decrypt is returned as stored, and logged by name. */
    private Password clear(long id, String pid, String name, Password stored) {
        try {
            return new Password(manager.passwords().decrypt(stored.toString()));
        } catch (KuraException e) {
            LOG.warn("{}: snapshot {}: password property '{}' of {} does not decrypt with this gateway's key; "
                    + "returned as stored", PID, id, name, pid);
            return stored;
        }
    }

    List<SnapshotEntry> load(long id) throws KuraException {
        return SnapshotXmlReader.read(files.read(id));
    }

    /** Rolls back to the newest snapshot before the newest one, as Kura; its id. */
    long rollback() throws KuraException {
        synchronized (manager.lock()) {
            SortedSet<Long> ids = files.ids();
            if (ids.size() < 2) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_NOT_FOUND, "No Snapshot Available");
            }
            long id = ids.headSet(ids.last()).last();
            rollback(id);
            return id;
        }
    }

    /**
     * Restores snapshot {@code id} ({@link Rollback}). As Kura, when it was not the newest snapshot, a new
     * snapshot of the restored configurations is then taken, so that the newest snapshot is again the
     * current state; failures are collected into a {@code KuraPartialSuccessException} and then no snapshot
     * is taken.
     */
    void rollback(long id) throws KuraException {
        synchronized (manager.lock()) {
            List<SnapshotEntry> entries = load(id);
            LOG.info("{}: rolling back to snapshot {}", PID, id);
            new Rollback(manager).apply(id, entries);
            SortedSet<Long> ids = files.ids();
            if (ids.isEmpty() || id != ids.last()) {
                take();
            }
        }
    }

    /** The current configurations, in snapshot form, sorted by PID. */
    List<SnapshotEntry> current() throws KuraException {
        Map<String, SnapshotEntry> byPid = new TreeMap<>();
        try {
            for (Stored stored : manager.store().listManaged()) {
                String pid = stored.kuraPid();
                if (byPid.containsKey(pid)) {
                    LOG.warn("{}: two configurations have kura.service.pid {}; the snapshot holds {}", PID, pid,
                            byPid.get(pid));
                    continue;
                }
                Map<String, Object> properties = new LinkedHashMap<>(stored.properties());
                Passwords.wrapStored(manager.registry().ocdFor(pid, stored.factoryPid()), properties);
                byPid.put(pid, new SnapshotEntry(pid, properties));
            }
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_SNAPSHOT_TAKING, e, "cannot list configurations");
        }
        for (String pid : manager.tracked().pids()) {
            Tracked component = manager.tracked().find(pid).orElse(null);
            if (component == null || !component.selfConfiguring() || byPid.containsKey(pid)) {
                continue;
            }
            ComponentConfiguration own = manager.reads().selfConfiguration(component);
            if (own != null && own.getConfigurationProperties() != null) {
                Map<String, Object> properties = new LinkedHashMap<>(own.getConfigurationProperties());
                properties.putIfAbsent(ConfigurationService.KURA_SERVICE_PID, pid);
                OCD ocd = own.getDefinition();
                manager.passwords().toStoredWrapped(ocd, properties);
                byPid.put(pid, new SnapshotEntry(pid, properties));
            }
        }
        return new ArrayList<>(byPid.values());
    }
}
