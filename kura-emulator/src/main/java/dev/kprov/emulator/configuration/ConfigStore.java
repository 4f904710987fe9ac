package dev.kprov.emulator.configuration;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configurations the service manages, as ConfigurationAdmin holds them ({@link AdminConfigStore}); an
 * interface so that the service's rules run in plain unit tests over a map. Properties are what
 * ConfigurationAdmin reports, {@code service.pid} (and {@code service.factoryPid} of a factory instance)
 * included; properties given to {@link #update} and {@link #createFactory} must not hold those two.
 */
interface ConfigStore {

    /** One configuration: its ConfigurationAdmin PID, factory PID ({@code null} if none) and properties. */
    record Stored(String servicePid, String factoryPid, Map<String, Object> properties) {

        public Stored {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** {@code kura.service.pid}, or {@code null}. */
        String kuraPid() {
            Object pid = properties.get(org.eclipse.kura.configuration.ConfigurationService.KURA_SERVICE_PID);
            return pid instanceof String ? (String) pid : null;
        }

        @Override
        public String toString() {
            return "configuration " + servicePid + (factoryPid == null ? "" : " of factory " + factoryPid);
        }
    }

    /** Every configuration that has a {@code kura.service.pid}. */
    List<Stored> listManaged() throws IOException;

    /** The configuration whose {@code kura.service.pid} is {@code kuraPid} (the one whose PID is also {@code kuraPid} first). */
    Optional<Stored> findManaged(String kuraPid) throws IOException;

    /** The configuration with this ConfigurationAdmin PID, if it has properties. */
    Optional<Stored> get(String servicePid) throws IOException;

    /** Creates or replaces the properties of the configuration {@code servicePid}. */
    void update(String servicePid, Map<String, Object> properties) throws IOException;

    /** Creates a configuration of factory {@code factoryPid} with these properties; its new PID. */
    String createFactory(String factoryPid, Map<String, Object> properties) throws IOException;

    /** Deletes the configuration {@code servicePid}, if it exists. */
    void delete(String servicePid) throws IOException;
}
