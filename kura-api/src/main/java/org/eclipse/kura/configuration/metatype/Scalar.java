package org.eclipse.kura.configuration.metatype;

/**
 * Attribute types of an {@link AD}; {@link #value()} is the name used in metatype and snapshot XML.
 */
public enum Scalar {

    STRING("String"),
    LONG("Long"),
    DOUBLE("Double"),
    FLOAT("Float"),
    INTEGER("Integer"),
    BYTE("Byte"),
    CHAR("Char"),
    BOOLEAN("Boolean"),
    SHORT("Short"),
    PASSWORD("Password");

    private final String value;

    Scalar(String v) {
        this.value = v;
    }

    public String value() {
        return this.value;
    }

    public static Scalar fromValue(String v) {
        for (Scalar s : values()) {
            if (s.value.equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException(v);
    }
}
