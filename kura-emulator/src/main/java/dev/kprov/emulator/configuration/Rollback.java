package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.KuraPartialSuccessException;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.OCD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.ConfigStore.Stored;

/**
 * Restores the configurations of a snapshot in ConfigurationAdmin, with the rules of Kura's rollback:
 * <ol>
 * <li>a factory instance that the snapshot does not hold (or holds for another factory) is deleted;</li>
 * <li>a tracked component that is not a factory instance and that the snapshot does not hold goes back to its
 * metatype defaults;</li>
 * <li>every configuration of the snapshot is written back as it is there, over its metatype defaults (its
 * values replace the current ones, they are not merged with them, nor validated); a factory instance that is
 * missing is created; a configuration already equal to the snapshot's is not rewritten.</li>
 * </ol>
 * Configurations without {@code kura.service.pid} are not touched. Failures are collected: every other
 * configuration is still restored, then a {@code KuraPartialSuccessException} lists them.
 */
final class Rollback {

    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    private final ConfigurationManager manager;
    private final ConfigStore store;

    Rollback(ConfigurationManager manager) {
        this.manager = manager;
        this.store = manager.store();
    }

    void apply(long id, List<SnapshotEntry> entries) throws KuraException {
        Map<String, SnapshotEntry> wanted = new LinkedHashMap<>();
        for (SnapshotEntry entry : entries) {
            wanted.putIfAbsent(entry.pid(), entry);
        }
        Map<String, Stored> current = new LinkedHashMap<>();
        try {
            for (Stored stored : store.listManaged()) {
                current.putIfAbsent(stored.kuraPid(), stored);
            }
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ROLLBACK, e, "cannot list configurations");
        }
        List<Throwable> causes = new ArrayList<>();
        for (Stored stored : new ArrayList<>(current.values())) {
            try {
                leaveOrReset(stored, wanted.get(stored.kuraPid()), current);
            } catch (IOException | KuraException e) {
                causes.add(failure(stored.kuraPid(), e));
            }
        }
        for (SnapshotEntry entry : wanted.values()) {
            try {
                restore(entry, current.get(entry.pid()));
            } catch (IOException | KuraException e) {
                causes.add(failure(entry.pid(), e));
            }
        }
        if (!causes.isEmpty()) {
            throw new KuraPartialSuccessException("Rollback to snapshot " + id + ": " + causes.size()
                    + " configurations not restored", causes);
        }
    }

    private static KuraException failure(String pid, Exception e) {
        LOG.warn("{}: rollback of {} failed: {}", PID, pid, e.toString());
        return new KuraException(KuraErrorCode.CONFIGURATION_ROLLBACK, e, pid);
    }

    private void leaveOrReset(Stored stored, SnapshotEntry wanted, Map<String, Stored> current)
            throws IOException, KuraException {
        String pid = stored.kuraPid();
        if (stored.factoryPid() != null) {
            if (wanted == null || !stored.factoryPid().equals(wanted.factoryPid())) {
                store.delete(stored.servicePid());
                current.remove(pid);
                LOG.info("{}: factory configuration {} deleted: the snapshot does not hold it", PID, pid);
            }
        } else if (wanted == null && manager.tracked().contains(pid)) {
            OCD ocd = manager.registry().ocdFor(pid, null);
            Map<String, Object> defaults = new LinkedHashMap<>(DefaultValues.of(pid, ocd));
            manager.passwords().toStored(ocd, defaults);
            defaults.put(ConfigurationService.KURA_SERVICE_PID, pid);
            writeIfChanged(stored, defaults);
            LOG.info("{}: configuration of {} back to its defaults: the snapshot does not hold it", PID, pid);
        }
    }

    private void restore(SnapshotEntry entry, Stored existing) throws IOException, KuraException {
        String pid = entry.pid();
        String factoryPid = entry.factoryPid();
        OCD ocd = manager.registry().ocdFor(pid, factoryPid);
        Map<String, Object> properties = new LinkedHashMap<>(DefaultValues.of(pid, ocd));
        manager.passwords().toStored(ocd, properties);
        for (Map.Entry<String, Object> property : entry.properties().entrySet()) {
            boolean clear = entry.clearPasswords().contains(property.getKey());
            properties.put(property.getKey(), storedForm(property.getValue(), clear));
        }
        properties.put(ConfigurationService.KURA_SERVICE_PID, pid);
        properties = ConfigurationManager.withoutAdminKeys(properties);
        if (existing != null) {
            writeIfChanged(existing, properties);
        } else if (factoryPid != null) {
            String servicePid = store.createFactory(factoryPid, properties);
            LOG.info("{}: factory configuration {} of {} created again ({})", PID, pid, factoryPid, servicePid);
        } else {
            store.update(pid, properties);
            LOG.info("{}: configuration of {} created again", PID, pid);
        }
    }

    /** A snapshot value as ConfigurationAdmin holds it: Passwords as their (encrypted) Strings. */
    private Object storedForm(Object value, boolean clear) throws KuraException {
        if (value instanceof Password) {
            char[] chars = ((Password) value).getPassword();
            return clear ? manager.passwords().encrypt(chars) : new String(chars);
        }
        if (value instanceof Password[]) {
            Password[] passwords = (Password[]) value;
            String[] stored = new String[passwords.length];
            for (int i = 0; i < passwords.length; i++) {
                stored[i] = (String) storedForm(passwords[i], clear);
            }
            return stored;
        }
        return value;
    }

    private void writeIfChanged(Stored stored, Map<String, Object> properties) throws IOException {
        Map<String, Object> target = ConfigurationManager.withoutAdminKeys(properties);
        if (!same(ConfigurationManager.withoutAdminKeys(stored.properties()), target)) {
            store.update(stored.servicePid(), target);
            LOG.info("{}: configuration of {} restored", PID, stored.kuraPid());
        }
    }

    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            Object other = b.get(entry.getKey());
            Object value = entry.getValue();
            if (TypedValues.isMulti(value) != TypedValues.isMulti(other)) {
                return false;
            }
            boolean equal = TypedValues.isMulti(value)
                    ? Arrays.deepEquals(TypedValues.elements(value).toArray(), TypedValues.elements(other).toArray())
                    : Objects.equals(value, other);
            if (!equal) {
                return false;
            }
        }
        return true;
    }
}
