package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.ConfigurationServiceImpl.PID;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.Option;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.emulator.configuration.MetatypeRegistry.Designation;

/**
 * Kura's metatype view of what the framework's MetaType service knows of a bundle: names, types, cardinality,
 * defaults, options and required flags from the service (localized to the default locale), min, max and icons
 * from the bundle's metatype file ({@link BundleMetatypeXml}).
 */
final class MetatypeOcds {

    private static final Logger LOG = LoggerFactory.getLogger(MetatypeOcds.class);

    private MetatypeOcds() {
    }

    /** Every PID and factory PID the bundle's metatype designates, with its OCD. */
    static List<Designation> designations(Bundle bundle, MetaTypeInformation information) {
        List<Designation> designations = new ArrayList<>();
        if (information == null) {
            return designations;
        }
        addAll(designations, bundle, information, information.getPids(), false);
        addAll(designations, bundle, information, information.getFactoryPids(), true);
        return designations;
    }

    private static void addAll(List<Designation> designations, Bundle bundle, MetaTypeInformation information,
            String[] pids, boolean factory) {
        if (pids == null) {
            return;
        }
        for (String pid : pids) {
            try {
                ObjectClassDefinition ocd = information.getObjectClassDefinition(pid, null);
                if (ocd != null) {
                    BundleMetatypeXml.Extras extras = BundleMetatypeXml.read(bundle, pid, ocd.getID());
                    designations.add(new Designation(pid, factory, ocd(ocd, extras), bundle.getBundleId()));
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: the metatype of {} in {} cannot be read: {}", PID, pid, bundle.getSymbolicName(),
                        e.toString());
            }
        }
    }

    static Definitions.Ocd ocd(ObjectClassDefinition ocd, BundleMetatypeXml.Extras extras) {
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<AD> ads = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        if (all != null) {
            for (AttributeDefinition definition : all) {
                ads.add(ad(definition, required.contains(definition.getID()), extras));
            }
        }
        return new Definitions.Ocd(ocd.getID(), ocd.getName(), ocd.getDescription(), ads, extras.icons());
    }

    private static Set<String> ids(AttributeDefinition[] definitions) {
        Set<String> ids = new HashSet<>();
        if (definitions != null) {
            for (AttributeDefinition definition : definitions) {
                ids.add(definition.getID());
            }
        }
        return ids;
    }

    private static AD ad(AttributeDefinition definition, boolean required, BundleMetatypeXml.Extras extras) {
        String id = definition.getID();
        String[] defaults = definition.getDefaultValue();
        String defaultValue = null;
        if (defaults != null) {
            defaultValue = definition.getCardinality() == 0
                    ? defaults.length == 0 ? "" : DefaultValues.escape(defaults[0])
                    : DefaultValues.join(Arrays.asList(defaults));
        }
        return new Definitions.Ad(id, definition.getName(), definition.getDescription(),
                scalar(definition.getType()), definition.getCardinality(), extras.mins().get(id),
                extras.maxes().get(id), defaultValue, required, options(definition));
    }

    private static List<Option> options(AttributeDefinition definition) {
        List<Option> options = new ArrayList<>();
        String[] values = definition.getOptionValues();
        String[] labels = definition.getOptionLabels();
        if (values != null) {
            for (int i = 0; i < values.length; i++) {
                String label = labels != null && i < labels.length ? labels[i] : values[i];
                options.add(new Definitions.Opt(label, values[i]));
            }
        }
        return options;
    }

    /** The Kura Scalar of a MetaType type; the deprecated BigInteger and BigDecimal become Long and Double. */
    @SuppressWarnings("deprecation")
    static Scalar scalar(int type) {
        switch (type) {
        case AttributeDefinition.LONG:
        case AttributeDefinition.BIGINTEGER:
            return Scalar.LONG;
        case AttributeDefinition.INTEGER:
            return Scalar.INTEGER;
        case AttributeDefinition.SHORT:
            return Scalar.SHORT;
        case AttributeDefinition.CHARACTER:
            return Scalar.CHAR;
        case AttributeDefinition.BYTE:
            return Scalar.BYTE;
        case AttributeDefinition.DOUBLE:
        case AttributeDefinition.BIGDECIMAL:
            return Scalar.DOUBLE;
        case AttributeDefinition.FLOAT:
            return Scalar.FLOAT;
        case AttributeDefinition.BOOLEAN:
            return Scalar.BOOLEAN;
        case AttributeDefinition.PASSWORD:
            return Scalar.PASSWORD;
        default:
            return Scalar.STRING;
        }
    }
}
