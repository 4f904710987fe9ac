package dev.kprov.emulator.configuration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ComponentConfiguration;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.configuration.ConfigurationService;
import org.eclipse.kura.configuration.SelfConfiguringComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.system.SystemService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura's ConfigurationService over the framework's ConfigurationAdmin and MetaType service, with Kura's
 * snapshots and rollback (KURA-API-FACTS 3.2 to 4.2). This component only maps OSGi to
 * {@link ConfigurationManager}: it tracks the bundles that have metatype ({@link MetatypeBundles}) and the
 * ConfigurableComponent and SelfConfiguringComponent services, by {@code kura.service.pid}.
 * <ul>
 * <li>Every PID a starting or active bundle's metatype designates gets a configuration from its defaults,
 * with {@code kura.service.pid}, when it has none; an existing one keeps its values and only gains what is
 * missing.</li>
 * <li>Updates: passwords encrypted (a value that already decrypts is left as it is), metatype defaults, then
 * current values, then the given ones, {@code kura.service.pid}, validation, {@code Configuration.update}.
 * A PID that is not tracked is ignored and logged, as in Kura.</li>
 * <li>Snapshots: {@code snapshot_<epoch ms>.xml} in {@link SnapshotsFolder}, the CryptoService encryption of
 * Kura's XML, written atomically, at most {@code SystemService.getKuraSnapshotsCount()} kept. A snapshot holds
 * every configuration with a {@code kura.service.pid}.</li>
 * </ul>
 * As in Kura's source (and unlike a simpler reading of the API): {@link #updateConfiguration(String, Map)} is
 * {@code updateConfigurations} of one configuration, so a validation failure is a
 * {@code KuraPartialSuccessException} whose cause is the {@code CONFIGURATION_ATTRIBUTE_INVALID} or
 * {@code CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING}; and {@link #rollback(long)} to a snapshot other than the
 * newest takes a new snapshot of the restored state. Differences from Kura: snapshots are not loaded into
 * ConfigurationAdmin at activation, no {@code KuraConfigReadyEvent} is posted, and
 * {@link #createFactoryConfiguration} validates against the factory's OCD.
 */
@Component(name = ConfigurationServiceImpl.PID, service = ConfigurationService.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.IGNORE, property = "kura.service.pid=" + ConfigurationServiceImpl.PID)
public final class ConfigurationServiceImpl implements ConfigurationService {

    /** The {@code kura.service.pid} of Kura's ConfigurationService. */
    public static final String PID = "org.eclipse.kura.configuration.ConfigurationService";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationServiceImpl.class);

    private final BundleContext context;
    private final TrackedComponents tracked = new TrackedComponents();
    private final SnapshotsFolder folder;
    private final ConfigurationManager manager;
    private final MetatypeBundles bundles;

    /** For DS. */
    @Activate
    public ConfigurationServiceImpl(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference MetaTypeService metaTypeService, @Reference CryptoService cryptoService,
            @Reference SystemService systemService) {
        this.context = context;
        this.folder = new SnapshotsFolder(systemService, context);
        SnapshotFiles files = new SnapshotFiles(folder, systemService::getKuraSnapshotsCount, cryptoService,
                System::currentTimeMillis);
        this.manager = new ConfigurationManager(new AdminConfigStore(configurationAdmin), new Passwords(cryptoService),
                new MetatypeRegistry(), tracked, files);
        this.bundles = new MetatypeBundles(context, metaTypeService, manager);
    }

    /** Starts tracking bundles: each one with metatype has its designated PIDs seeded. */
    @Activate
    void activate() {
        bundles.open();
        LOG.info("{}: started; snapshots in {}", PID, folder.describe());
    }

    @Deactivate
    void deactivate() {
        bundles.close();
        LOG.info("{}: stopped", PID);
    }

    // --- tracked components: bind methods only record ---

    @Reference(name = "ConfigurableComponent", service = ConfigurableComponent.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeConfigurableComponent", updated = "updatedConfigurableComponent")
    void addConfigurableComponent(ServiceReference<ConfigurableComponent> reference) {
        track(reference, reference, null);
    }

    void updatedConfigurableComponent(ServiceReference<ConfigurableComponent> reference) {
        track(reference, reference, null);
    }

    void removeConfigurableComponent(ServiceReference<ConfigurableComponent> reference) {
        tracked.remove(reference);
    }

    /** Handle of a SelfConfiguringComponent, distinct from the same service tracked as a ConfigurableComponent. */
    private record SelfHandle(ServiceReference<?> reference) {
    }

    @Reference(name = "SelfConfiguringComponent", service = SelfConfiguringComponent.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeSelfConfiguringComponent", updated = "updatedSelfConfiguringComponent")
    void addSelfConfiguringComponent(ServiceReference<SelfConfiguringComponent> reference,
            ComponentServiceObjects<SelfConfiguringComponent> objects) {
        track(reference, new SelfHandle(reference), () -> {
            SelfConfiguringComponent component = objects.getService();
            try {
                return component == null ? null : component.getConfiguration();
            } finally {
                if (component != null) {
                    objects.ungetService(component);
                }
            }
        });
    }

    void updatedSelfConfiguringComponent(ServiceReference<SelfConfiguringComponent> reference,
            ComponentServiceObjects<SelfConfiguringComponent> objects) {
        addSelfConfiguringComponent(reference, objects);
    }

    void removeSelfConfiguringComponent(ServiceReference<SelfConfiguringComponent> reference) {
        tracked.remove(new SelfHandle(reference));
    }

    private void track(ServiceReference<?> reference, Object handle, TrackedComponents.SelfSource self) {
        String missing = tracked.track(handle, reference::getProperty, self);
        if (missing != null) {
            LOG.warn("{}: component {} has no {}; it is not tracked", PID, reference.getProperty("component.name"),
                    missing);
        }
    }

    // --- ConfigurationService ---

    @Override
    public Set<String> getFactoryComponentPids() {
        return manager.factoryPids();
    }

    @Override
    public void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException {
        manager.createFactoryConfiguration(factoryPid, pid, properties, takeSnapshot);
    }

    @Override
    public void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException {
        manager.deleteFactoryConfiguration(pid, takeSnapshot);
    }

    @Override
    public Set<String> getConfigurableComponentPids() {
        return tracked.pids();
    }

    @Override
    public List<ComponentConfiguration> getComponentConfigurations() throws KuraException {
        return manager.reads().componentConfigurations(tracked.pids());
    }

    @Override
    public List<ComponentConfiguration> getComponentConfigurations(Filter filter) throws KuraException {
        if (filter == null) {
            return getComponentConfigurations();
        }
        Set<String> pids = new LinkedHashSet<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, null);
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                Object pid = reference.getProperty(KURA_SERVICE_PID);
                if (pid instanceof String && filter.match(reference)) {
                    pids.add((String) pid);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "no filter");
        }
        return manager.reads().componentConfigurations(pids);
    }

    /** The configuration of a tracked component, Password values decrypted; {@code null} if not tracked (Kura). */
    @Override
    public ComponentConfiguration getComponentConfiguration(String pid) throws KuraException {
        return manager.reads().componentConfiguration(pid);
    }

    /** The metatype defaults of {@code pid}; {@code null} when nothing is known of it. */
    @Override
    public ComponentConfiguration getDefaultComponentConfiguration(String pid) throws KuraException {
        return manager.reads().defaultConfiguration(pid);
    }

    /** As Kura: {@code updateConfigurations} of one configuration, with a snapshot. */
    @Override
    public void updateConfiguration(String pid, Map<String, Object> properties) throws KuraException {
        updateConfiguration(pid, properties, true);
    }

    /**
     * As Kura: {@code updateConfigurations} of one configuration, so that a failure is a
     * {@code KuraPartialSuccessException} whose cause is the {@code CONFIGURATION_ATTRIBUTE_INVALID} or
     * {@code CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING} naming the property (its message names it too).
     */
    @Override
    public void updateConfiguration(String pid, Map<String, Object> properties, boolean takeSnapshot)
            throws KuraException {
        updateConfigurations(List.of(new ComponentConfigurationImpl(pid, null, properties)), takeSnapshot);
    }

    @Override
    public void updateConfigurations(List<ComponentConfiguration> configs) throws KuraException {
        updateConfigurations(configs, true);
    }

    @Override
    public void updateConfigurations(List<ComponentConfiguration> configs, boolean takeSnapshot) throws KuraException {
        manager.updateConfigurations(configs, takeSnapshot);
    }

    @Override
    public Set<Long> getSnapshots() throws KuraException {
        return manager.snapshots().ids();
    }

    @Override
    public List<ComponentConfiguration> getSnapshot(long sid) throws KuraException {
        return manager.snapshots().get(sid);
    }

    @Override
    public long snapshot() throws KuraException {
        return manager.snapshots().take();
    }

    @Override
    public long rollback() throws KuraException {
        return manager.snapshots().rollback();
    }

    /** As Kura: restores snapshot {@code id}, then, unless it was the newest, takes a snapshot of the result. */
    @Override
    public void rollback(long id) throws KuraException {
        manager.snapshots().rollback(id);
    }

    @Override
    public String toString() {
        return "ConfigurationServiceImpl@" + Integer.toHexString(System.identityHashCode(this));
    }
}
