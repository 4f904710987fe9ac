package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.MetatypeRegistry.Designation;

/**
 * Tracks the starting and active bundles that have metatype, as Kura's {@code ComponentMetaTypeBundleTracker}:
 * when one appears its designations are registered and its designated PIDs seeded; when it goes they are
 * forgotten. Starting bundles are included so that a lazily activated bundle's components get their
 * configuration.
 */
final class MetatypeBundles extends BundleTracker<Bundle> {

    private static final Logger LOG = LoggerFactory.getLogger(MetatypeBundles.class);

    private final MetaTypeService metaType;
    private final ConfigurationManager manager;

    MetatypeBundles(BundleContext context, MetaTypeService metaType, ConfigurationManager manager) {
        super(context, Bundle.STARTING | Bundle.ACTIVE, null);
        this.metaType = metaType;
        this.manager = manager;
    }

    @Override
    public Bundle addingBundle(Bundle bundle, BundleEvent event) {
        try {
            List<Designation> designations = MetatypeOcds.designations(bundle, metaType.getMetaTypeInformation(bundle));
            if (designations.isEmpty()) {
                return null;
            }
            manager.bundleDesignates(bundle.getBundleId(), designations);
            return bundle;
        } catch (RuntimeException e) {
            LOG.warn("{}: metatype of bundle {} not read: {}", PID, bundle.getSymbolicName(), e.toString());
            return null;
        }
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
        manager.registry().remove(bundle.getBundleId());
    }
}
