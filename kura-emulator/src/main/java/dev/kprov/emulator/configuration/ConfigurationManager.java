package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraPartialSuccessException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.metatype.OCD;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.ConfigStore.Stored;
import dev.kprov.emulator.configuration.MetatypeRegistry.Designation;
import dev.kprov.emulator.configuration.TrackedComponents.Tracked;

/**
 * The rules of Kura's ConfigurationService, without OSGi: seeding from metatype defaults, updates (passwords,
 * merge, validation), factory configurations; reads are in {@link ConfigurationReads}, snapshots and rollback in
 * {@link Snapshots}. Every change runs under one lock, so that an update and the snapshot that follows it are
 * not interleaved with another change.
 */
final class ConfigurationManager {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationManager.class);

    private final Object lock = new Object();
    private final ConfigStore store;
    private final Passwords passwords;
    private final MetatypeRegistry registry;
    private final TrackedComponents tracked;
    private final ConfigurationReads reads;
    private final Snapshots snapshots;

    ConfigurationManager(ConfigStore store, Passwords passwords, MetatypeRegistry registry, TrackedComponents tracked,
            SnapshotFiles files) {
        this.store = store;
        this.passwords = passwords;
        this.registry = registry;
        this.tracked = tracked;
        this.reads = new ConfigurationReads(this);
        this.snapshots = new Snapshots(this, files);
    }

    Object lock() {
        return lock;
    }

    ConfigStore store() {
        return store;
    }

    Passwords passwords() {
        return passwords;
    }

    MetatypeRegistry registry() {
        return registry;
    }

    TrackedComponents tracked() {
        return tracked;
    }

    ConfigurationReads reads() {
        return reads;
    }

    Snapshots snapshots() {
        return snapshots;
    }

    /** The OCD of a tracked component: a SelfConfiguringComponent's own, else its metatype's. */
    OCD ocdOf(Tracked component) {
        if (component.selfConfiguring()) {
            ComponentConfiguration own = reads.selfConfiguration(component);
            return own == null ? null : own.getDefinition();
        }
        return registry.ocdFor(component.kuraPid(), component.factoryPid());
    }

    /** The stored configuration of a tracked component: by {@code kura.service.pid}, else by {@code service.pid}. */
    Optional<Stored> storedOf(Tracked component) throws IOException {
        Optional<Stored> stored = store.findManaged(component.kuraPid());
        if (stored.isEmpty() && component.servicePid() != null) {
            stored = store.get(component.servicePid());
        }
        return stored;
    }

    /** Records what a bundle's metatype designates and seeds the designated PIDs that have no configuration yet. */
    void bundleDesignates(long bundleId, List<Designation> designations) {
        registry.register(bundleId, designations);
        synchronized (lock) {
            for (Designation designation : designations) {
                if (!designation.factory()) {
                    seed(designation);
                }
            }
        }
    }

    /**
     * As Kura: a designated PID gets a configuration from its metatype defaults with {@code kura.service.pid},
     * so that a component with configuration policy REQUIRE activates. Existing values are kept; only missing
     * defaults and a missing {@code kura.service.pid} are added, and nothing is written when nothing is missing.
     */
    private void seed(Designation designation) {
        String pid = designation.pid();
        try {
            Optional<Stored> existing = store.get(pid);
            Map<String, Object> properties = new LinkedHashMap<>(existing.map(Stored::properties).orElse(Map.of()));
            Map<String, Object> added = new LinkedHashMap<>();
            DefaultValues.of(pid, designation.ocd()).forEach((key, value) -> {
                if (!properties.containsKey(key)) {
                    added.put(key, value);
                }
            });
            if (!properties.containsKey(ConfigurationService.KURA_SERVICE_PID)) {
                added.put(ConfigurationService.KURA_SERVICE_PID, pid);
            }
            if (existing.isPresent() && added.isEmpty()) {
                return;
            }
            passwords.toStored(designation.ocd(), added);
            properties.putAll(added);
            store.update(pid, withoutAdminKeys(properties));
            LOG.info("{}: configuration of {} {} from its metatype defaults", PID, pid,
                    existing.isPresent() ? "completed" : "seeded");
        } catch (IOException | KuraException e) {
            LOG.warn("{}: configuration of {} could not be seeded from its metatype: {}", PID, pid, e.toString());
        }
    }

    /** Kura's {@code updateConfigurations}: each configuration in turn, failures collected, then the snapshot. */
    void updateConfigurations(List<ComponentConfiguration> configurations, boolean takeSnapshot) throws KuraException {
        synchronized (lock) {
            List<Throwable> causes = new ArrayList<>();
            for (ComponentConfiguration configuration : configurations) {
                if (configuration == null) {
                    continue;
                }
                String pid = configuration.getPid();
                Map<String, Object> properties = configuration.getConfigurationProperties();
                Object factoryPid = properties == null ? null : properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
                try {
                    if (factoryPid instanceof String && pid != null && !tracked.contains(pid)) {
                        // as Kura: a factory instance that is not tracked yet is created
                        createFactoryConfiguration((String) factoryPid, pid, properties, false);
                    } else {
                        update(pid, properties);
                    }
                } catch (KuraException e) {
                    LOG.warn("{}: configuration of {} not updated: {}", PID, pid, e.getMessage());
                    causes.add(e);
                }
            }
            if (takeSnapshot) {
                try {
                    snapshots.take();
                } catch (KuraException e) {
                    if (causes.isEmpty()) {
                        throw e;
                    }
                    causes.add(e);
                }
            }
            if (!causes.isEmpty()) {
                throw new KuraPartialSuccessException(summary(causes), causes);
            }
        }
    }

    private static String summary(List<Throwable> causes) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause : causes) {
            messages.add(cause.getMessage());
        }
        return "updateConfigurations: " + String.join("; ", messages);
    }

    private void update(String pid, Map<String, Object> properties) throws KuraException {
        Optional<Tracked> component = pid == null ? Optional.empty() : tracked.find(pid);
        if (component.isEmpty()) {
            LOG.info("{}: UpdatingConfiguration ignored as ConfigurableComponent {} is NOT tracked", PID, pid);
            return;
        }
        if (properties == null) {
            LOG.info("{}: UpdatingConfiguration ignored as properties for ConfigurableComponent {} are NULL", PID, pid);
            return;
        }
        OCD ocd = ocdOf(component.get());
        if (ocd == null) {
            LOG.info("{}: UpdatingConfiguration ignored as OCD for pid {} cannot be found", PID, pid);
            return;
        }
        try {
            Optional<Stored> current = storedOf(component.get());
            Map<String, Object> merged = new LinkedHashMap<>(DefaultValues.of(pid, ocd));
            current.ifPresent(stored -> merged.putAll(stored.properties()));
            merged.putAll(properties);
            merged.put(ConfigurationService.KURA_SERVICE_PID, pid);
            passwords.toStored(ocd, merged);
            // as Kura, a SelfConfiguringComponent's properties are not validated against its definition
            Map<String, Object> checked = Validation.check(pid, component.get().selfConfiguring() ? null : ocd,
                    withoutAdminKeys(merged));
            String servicePid = current.map(Stored::servicePid)
                    .orElse(component.get().servicePid() != null ? component.get().servicePid() : pid);
            store.update(servicePid, checked);
            LOG.info("{}: configuration of {} updated", PID, pid);
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_UPDATE, e, pid);
        }
    }

    void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException {
        if (isBlank(factoryPid) || isBlank(pid)) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "factory pid and pid must not be empty");
        }
        synchronized (lock) {
            try {
                if (tracked.contains(pid) || store.findManaged(pid).isPresent()) {
                    throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "pid " + pid + " already exists");
                }
                OCD ocd = registry.ocdFor(null, factoryPid);
                Map<String, Object> merged = new LinkedHashMap<>(DefaultValues.of(pid, ocd));
                if (properties != null) {
                    merged.putAll(properties);
                }
                merged.put(ConfigurationService.KURA_SERVICE_PID, pid);
                passwords.toStored(ocd, merged);
                Map<String, Object> checked = Validation.check(pid, ocd, withoutAdminKeys(merged));
                String servicePid = store.createFactory(factoryPid, checked);
                LOG.info("{}: factory configuration {} of {} created ({})", PID, pid, factoryPid, servicePid);
            } catch (IOException e) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e,
                        "cannot create " + pid + " of factory " + factoryPid);
            }
            if (takeSnapshot) {
                snapshots.take();
            }
        }
    }

    void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException {
        if (isBlank(pid)) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "pid must not be empty");
        }
        synchronized (lock) {
            try {
                Optional<Stored> stored = store.findManaged(pid).filter(found -> found.factoryPid() != null);
                if (stored.isEmpty()) {
                    LOG.warn("{}: the component with kura.service.pid {} does not exist or is not a factory component",
                            PID, pid);
                    return;
                }
                store.delete(stored.get().servicePid());
                LOG.info("{}: factory configuration {} deleted", PID, pid);
            } catch (IOException e) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "cannot delete " + pid);
            }
            if (takeSnapshot) {
                snapshots.take();
            }
        }
    }

    /** {@code properties} without the keys ConfigurationAdmin sets itself. */
    static Map<String, Object> withoutAdminKeys(Map<String, Object> properties) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.remove(Constants.SERVICE_PID);
        copy.remove(ConfigurationAdmin.SERVICE_FACTORYPID);
        copy.remove(ConfigurationAdmin.SERVICE_BUNDLELOCATION);
        return copy;
    }

    static boolean isBlank(String text) {
        return text == null || text.trim().isEmpty();
    }

    Set<String> factoryPids() {
        return registry.factoryPids();
    }
}
