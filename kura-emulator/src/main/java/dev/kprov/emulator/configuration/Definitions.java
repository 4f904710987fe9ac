package dev.kprov.emulator.configuration;

import java.math.BigInteger;
import java.util.List;

import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.Icon;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Option;
import org.eclipse.kura.configuration.metatype.Scalar;

/**
 * Kura's metatype view ({@link OCD}, {@link AD}, {@link Option}, {@link Icon}) as immutable values. Built from
 * the framework's MetaType service by {@link MetatypeOcds}, or directly in tests.
 */
final class Definitions {

    private Definitions() {
    }

    /** An object class definition: the ADs of one PID or factory PID. */
    record Ocd(String id, String name, String description, List<AD> ads, List<Icon> icons) implements OCD {

        Ocd {
            ads = List.copyOf(ads);
            icons = List.copyOf(icons);
        }

        @Override
        public List<AD> getAD() {
            return ads;
        }

        @Override
        public List<Icon> getIcon() {
            return icons;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public String getId() {
            return id;
        }

        /** The AD with this id, or {@code null}. */
        AD ad(String adId) {
            for (AD ad : ads) {
                if (adId.equals(ad.getId())) {
                    return ad;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "OCD " + id + " (" + ads.size() + " ADs)";
        }
    }

    /**
     * One attribute definition. {@code defaultValue} is in metatype form: for an array (cardinality other
     * than 0) values are separated by commas, and a comma or backslash inside a value is escaped with a
     * backslash ({@link DefaultValues}).
     */
    record Ad(String id, String name, String description, Scalar type, int cardinality, String min, String max,
            String defaultValue, boolean required, List<Option> options) implements AD {

        Ad {
            options = List.copyOf(options);
        }

        /** A single-valued, optional AD without bounds or options: handy in tests. */
        static Ad of(String id, Scalar type, String defaultValue) {
            return new Ad(id, id, "", type, 0, null, null, defaultValue, false, List.of());
        }

        Ad required(boolean value) {
            return new Ad(id, name, description, type, cardinality, min, max, defaultValue, value, options);
        }

        Ad cardinality(int value) {
            return new Ad(id, name, description, type, value, min, max, defaultValue, required, options);
        }

        Ad bounds(String minimum, String maximum) {
            return new Ad(id, name, description, type, cardinality, minimum, maximum, defaultValue, required, options);
        }

        Ad options(String... values) {
            List<Option> list = new java.util.ArrayList<>();
            for (String value : values) {
                list.add(new Opt(value, value));
            }
            return new Ad(id, name, description, type, cardinality, min, max, defaultValue, required, list);
        }

        @Override
        public List<Option> getOption() {
            return options;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public Scalar getType() {
            return type;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public String getMin() {
            return min;
        }

        @Override
        public String getMax() {
            return max;
        }

        @Override
        public String getDefault() {
            return defaultValue;
        }

        @Override
        public boolean isRequired() {
            return required;
        }

        @Override
        public String toString() {
            // The default of a Password AD is public metatype, but a toString has no need to show any value.
            return "AD " + id + " (" + type.value() + ", cardinality " + cardinality + ")";
        }
    }

    /** One option of an AD. */
    record Opt(String label, String value) implements Option {

        @Override
        public String getLabel() {
            return label;
        }

        @Override
        public String getValue() {
            return value;
        }
    }

    /** One icon of an OCD: a resource of the bundle and its size in pixels. */
    record Ico(String resource, BigInteger size) implements Icon {

        @Override
        public String getResource() {
            return resource;
        }

        @Override
        public BigInteger getSize() {
            return size;
        }
    }
}
