package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.TrackedComponents.Tracked;

/**
 * The reading side of the service: configurations of tracked components, with their OCD and their passwords
 * decrypted, and default configurations. Reads take no lock, as in Kura.
 */
final class ConfigurationReads {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationReads.class);

    private final ConfigurationManager manager;

    ConfigurationReads(ConfigurationManager manager) {
        this.manager = manager;
    }

    /**
     * The configuration of a tracked component, {@code null} for a PID that is not tracked (as Kura). The map is
     * a new one the caller owns; Password properties are {@link Password}s of the clear characters.
     */
    ComponentConfiguration componentConfiguration(String pid) throws KuraException {
        Optional<Tracked> component = pid == null ? Optional.empty() : manager.tracked().find(pid);
        if (component.isEmpty()) {
            return null;
        }
        if (component.get().selfConfiguring()) {
            ComponentConfiguration own = selfConfiguration(component.get());
            return own == null ? null
                    : new ComponentConfigurationImpl(pid, own.getDefinition(), copy(own.getConfigurationProperties()));
        }
        OCD ocd = manager.ocdOf(component.get());
        Map<String, Object> properties = new HashMap<>();
        try {
            manager.storedOf(component.get()).ifPresent(stored -> properties.putAll(stored.properties()));
        } catch (IOException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "cannot read the configuration of " + pid);
        }
        manager.passwords().toClear(pid, ocd, properties);
        return new ComponentConfigurationImpl(pid, ocd, properties);
    }

    /** The configurations of those of {@code pids} that are tracked, in the order given. */
    List<ComponentConfiguration> componentConfigurations(Collection<String> pids) throws KuraException {
        List<ComponentConfiguration> configurations = new ArrayList<>();
        for (String pid : pids) {
            ComponentConfiguration configuration = componentConfiguration(pid);
            if (configuration != null) {
                configurations.add(configuration);
            }
        }
        return configurations;
    }

    /**
     * The metatype defaults of {@code pid} (a tracked component, a designated PID or a designated factory PID),
     * Password defaults as {@link Password}s; {@code null} when nothing is known of the PID.
     */
    ComponentConfiguration defaultConfiguration(String pid) {
        if (pid == null) {
            return null;
        }
        Optional<Tracked> component = manager.tracked().find(pid);
        OCD ocd = component.isPresent() ? manager.ocdOf(component.get()) : manager.registry().ocdFor(pid, null);
        if (ocd == null && component.isEmpty()) {
            return null;
        }
        Map<String, Object> defaults = new HashMap<>(DefaultValues.of(pid, ocd));
        for (Map.Entry<String, Object> entry : defaults.entrySet()) {
            if (!Passwords.isPasswordAd(ocd, entry.getKey())) {
                continue;
            }
            Object value = entry.getValue();
            if (TypedValues.isMulti(value)) {
                List<Object> clear = new ArrayList<>();
                for (Object element : TypedValues.elements(value)) {
                    clear.add(new Password(String.valueOf(element)));
                }
                entry.setValue(TypedValues.toArray(Scalar.PASSWORD, clear));
            } else {
                entry.setValue(new Password(String.valueOf(value)));
            }
        }
        return new ComponentConfigurationImpl(pid, ocd, defaults);
    }

    /**
     * What a SelfConfiguringComponent says of itself, {@code null} when it fails or answers for another PID
     * (logged, as in Kura).
     */
    ComponentConfiguration selfConfiguration(Tracked component) {
        try {
            ComponentConfiguration own = component.self().configuration();
            if (own == null || !component.kuraPid().equals(own.getPid())) {
                LOG.warn("{}: SelfConfiguringComponent {} returned no configuration of its own PID; ignored", PID,
                        component.kuraPid());
                return null;
            }
            return own;
        } catch (KuraException | RuntimeException e) {
            LOG.warn("{}: SelfConfiguringComponent {} failed to return its configuration: {}", PID,
                    component.kuraPid(), e.toString());
            return null;
        }
    }

    private static Map<String, Object> copy(Map<String, Object> properties) {
        return properties == null ? new HashMap<>() : new HashMap<>(properties);
    }
}
