package dev.kprov.emulator.data;

import java.util.Map;

/**
 * Reads typed values from a component configuration as ConfigAdmin delivers it: Kura's
 * ConfigurationService writes the metatype's types (Integer, Boolean, String), a configuration written by
 * hand may carry numbers of another width or strings. A missing or empty value gives the default; a value
 * that cannot be read is an {@link IllegalArgumentException} naming the property and what was expected
 * (never the value, which may be a secret).
 */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed string form of {@code key}, or {@code fallback} when absent. */
    public static String string(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value.toString().trim();
    }

    /** {@code key} as an int within {@code [min, max]}, or {@code fallback} when absent or empty. */
    public static int integer(Map<String, ?> properties, String key, int fallback, int min, int max) {
        long value = longValue(properties, key, fallback);
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + value);
        }
        return (int) value;
    }

    /** {@code key} as a long of at least {@code min}, or {@code fallback} when absent or empty. */
    public static long longValue(Map<String, ?> properties, String key, long fallback, long min) {
        long value = longValue(properties, key, fallback);
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", not " + value);
        }
        return value;
    }

    private static long longValue(Map<String, ?> properties, String key, long fallback) {
        Object value = properties.get(key);
        if (value instanceof Number) {
            return ((Number) value).longValue();
        }
        if (value == null || value.toString().trim().isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number", e);
        }
    }

    /** {@code key} as a boolean ({@code true}/{@code false} in any case), or {@code fallback} when absent. */
    public static boolean bool(Map<String, ?> properties, String key, boolean fallback) {
        Object value = properties.get(key);
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        if (value == null || value.toString().trim().isEmpty()) {
            return fallback;
        }
        String text = value.toString().trim();
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false");
    }
}
