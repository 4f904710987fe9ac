package org.eclipse.kura.configuration;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraException;
import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Filter;

/**
 * Kura service that manages the configuration of {@link ConfigurableComponent}s and the snapshots.
 */
@ProviderType
public interface ConfigurationService {

    /** @since 1.0.8 */
    String KURA_SERVICE_PID = "kura.service.pid";

    /** @since 1.0.8 */
    Set<String> getFactoryComponentPids();

    /** @since 1.0.8 */
    void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException;

    /** @since 1.0.8 */
    void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException;

    Set<String> getConfigurableComponentPids();

    List<ComponentConfiguration> getComponentConfigurations() throws KuraException;

    /** @since 2.1 */
    List<ComponentConfiguration> getComponentConfigurations(Filter filter) throws KuraException;

    ComponentConfiguration getComponentConfiguration(String pid) throws KuraException;

    /** @since 1.0.8 */
    ComponentConfiguration getDefaultComponentConfiguration(String pid) throws KuraException;

    void updateConfiguration(String pid, Map<String, Object> properties) throws KuraException;

    /** @since 1.0.8 */
    void updateConfiguration(String pid, Map<String, Object> properties, boolean takeSnapshot)
            throws KuraException;

    void updateConfigurations(List<ComponentConfiguration> configs) throws KuraException;

    /** @since 1.0.8 */
    void updateConfigurations(List<ComponentConfiguration> configs, boolean takeSnapshot) throws KuraException;

    Set<Long> getSnapshots() throws KuraException;

    List<ComponentConfiguration> getSnapshot(long sid) throws KuraException;

    long snapshot() throws KuraException;

    long rollback() throws KuraException;

    void rollback(long id) throws KuraException;
}
