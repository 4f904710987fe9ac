package dev.kprov.emulator.configuration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metatype defaults: the text form of {@link AD#getDefault()} (values separated by commas, a comma or backslash
 * in a value escaped with a backslash, as the MetaType specification writes them) and the typed default
 * properties of an OCD.
 */
final class DefaultValues {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultValues.class);

    private DefaultValues() {
    }

    /** The values of a metatype default string, unescaped. An empty string holds no value. */
    static List<String> split(String text) {
        List<String> values = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values;
    }

    /** {@code text} with its backslash escapes removed, commas kept: the default of a single-valued AD. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The metatype default string of {@code values}, the inverse of {@link #split(String)}. */
    static String join(List<String> values) {
        StringBuilder out = new StringBuilder();
        for (String value : values) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(escape(value));
        }
        return out.toString();
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,");
    }

    /**
     * The typed default of every AD of {@code ocd} that has one, in AD order: one value of the AD's type, or an
     * array of them when the cardinality is not 0. Password defaults are the plain Strings of the metatype; the
     * caller encrypts them before they are stored. A default that does not parse as its type is left out and
     * logged, as a metatype mistake that should not stop the component from being configured.
     */
    static Map<String, Object> of(String pid, OCD ocd) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (ocd == null || ocd.getAD() == null) {
            return defaults;
        }
        for (AD ad : ocd.getAD()) {
            if (ad.getId() == null || ad.getDefault() == null || ad.getType() == null) {
                continue;
            }
            try {
                defaults.put(ad.getId(), typed(ad));
            } catch (TypedValues.InvalidValue e) {
                LOG.warn("{}: the metatype default of property '{}' of {} {}; the property has no default",
                        ConfigurationServiceImpl.PID, ad.getId(), pid, e.getMessage());
            }
        }
        return defaults;
    }

    private static Object typed(AD ad) throws TypedValues.InvalidValue {
        Scalar type = ad.getType();
        if (ad.getCardinality() == 0) {
            return TypedValues.parse(type, unescape(ad.getDefault()));
        }
        List<Object> values = new ArrayList<>();
        for (String text : split(ad.getDefault())) {
            values.add(TypedValues.parse(type, text));
        }
        return TypedValues.toArray(type == Scalar.PASSWORD ? Scalar.STRING : type, values);
    }
}
