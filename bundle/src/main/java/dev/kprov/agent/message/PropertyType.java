package dev.kprov.agent.message;

import java.lang.reflect.Array;
import java.util.List;

import org.eclipse.kura.configuration.Password;

import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;

/** The property types of Kura's configuration format and the Java values ConfigurationService takes for them. */
enum PropertyType {
    STRING("String", String.class),
    LONG("Long", Long.class),
    DOUBLE("Double", Double.class),
    FLOAT("Float", Float.class),
    INTEGER("Integer", Integer.class),
    BYTE("Byte", Byte.class),
    CHAR("Char", Character.class),
    BOOLEAN("Boolean", Boolean.class),
    SHORT("Short", Short.class),
    PASSWORD("Password", Password.class);

    private final String xmlName;
    private final Class<?> javaType;

    PropertyType(String xmlName, Class<?> javaType) {
        this.xmlName = xmlName;
        this.javaType = javaType;
    }

    static PropertyType of(String name, String where) throws ConfigurationException {
        for (PropertyType type : values()) {
            if (type.xmlName.equals(name)) {
                return type;
            }
        }
        throw new ConfigurationException(where + " has the unknown type '" + name + "'");
    }

    Object value(String text, String where) throws ConfigurationException {
        try {
            switch (this) {
            case STRING:
                return text;
            case LONG:
                return Long.valueOf(text.trim());
            case DOUBLE:
                return Double.valueOf(text.trim());
            case FLOAT:
                return Float.valueOf(text.trim());
            case INTEGER:
                return Integer.valueOf(text.trim());
            case BYTE:
                return Byte.valueOf(text.trim());
            case SHORT:
                return Short.valueOf(text.trim());
            case CHAR:
                if (text.length() != 1) {
                    throw new ConfigurationException(where + " is a Char but has " + text.length() + " characters");
                }
                return text.charAt(0);
            case BOOLEAN:
                if (!text.trim().equals("true") && !text.trim().equals("false")) {
                    throw new ConfigurationException(where + " is a Boolean but is '" + text + "'");
                }
                return Boolean.valueOf(text.trim());
            default:
                return new Password(text.toCharArray());
            }
        } catch (NumberFormatException e) {
            throw new ConfigurationException(where + " is a " + xmlName + " but is '" + text + "'");
        }
    }

    Object array(List<String> texts, String where) throws ConfigurationException {
        Object array = Array.newInstance(javaType, texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Array.set(array, i, value(texts.get(i), where));
        }
        return array;
    }
}
