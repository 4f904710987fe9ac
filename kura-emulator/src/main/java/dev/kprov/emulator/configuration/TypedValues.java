package dev.kprov.emulator.configuration;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.Scalar;

/**
 * The value types of Kura configurations: the {@link Scalar}s, their Java types (boxed; arrays of boxed), and
 * conversion of a value to the type of an AD. Reasons given on failure never contain the value itself, which
 * may be a secret.
 */
final class TypedValues {

    /** A value that cannot take the required type; the reason names the problem, never the value. */
    static final class InvalidValue extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidValue(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final List<Class<?>> PRIMITIVES = List.of(long.class, double.class, float.class, int.class,
            byte.class, char.class, boolean.class, short.class);
    private static final List<Class<?>> BOXES = List.of(Long.class, Double.class, Float.class, Integer.class,
            Byte.class, Character.class, Boolean.class, Short.class);

    private TypedValues() {
    }

    /** The Java type of one value of {@code type}; Password values are held as (encrypted) Strings. */
    static Class<?> javaType(Scalar type) {
        switch (type) {
        case LONG:
            return Long.class;
        case DOUBLE:
            return Double.class;
        case FLOAT:
            return Float.class;
        case INTEGER:
            return Integer.class;
        case BYTE:
            return Byte.class;
        case CHAR:
            return Character.class;
        case BOOLEAN:
            return Boolean.class;
        case SHORT:
            return Short.class;
        default:
            return String.class;
        }
    }

    /** The Scalar of one value, {@code null} for a type Kura configurations do not have. */
    static Scalar scalarOf(Object element) {
        if (element instanceof String) {
            return Scalar.STRING;
        } else if (element instanceof Password) {
            return Scalar.PASSWORD;
        } else if (element instanceof Long) {
            return Scalar.LONG;
        } else if (element instanceof Double) {
            return Scalar.DOUBLE;
        } else if (element instanceof Float) {
            return Scalar.FLOAT;
        } else if (element instanceof Integer) {
            return Scalar.INTEGER;
        } else if (element instanceof Byte) {
            return Scalar.BYTE;
        } else if (element instanceof Character) {
            return Scalar.CHAR;
        } else if (element instanceof Boolean) {
            return Scalar.BOOLEAN;
        } else if (element instanceof Short) {
            return Scalar.SHORT;
        }
        return null;
    }

    /** The Scalar of an empty array or collection: from the array's component type, String for a collection. */
    static Scalar scalarOfEmpty(Object value) {
        if (!value.getClass().isArray()) {
            return Scalar.STRING;
        }
        Class<?> component = value.getClass().getComponentType();
        if (component == Password.class) {
            return Scalar.PASSWORD;
        }
        for (Scalar scalar : Scalar.values()) {
            Class<?> boxed = javaType(scalar);
            if (scalar != Scalar.PASSWORD && (component == boxed || component == primitiveOf(boxed))) {
                return scalar;
            }
        }
        return null;
    }

    private static Class<?> primitiveOf(Class<?> boxed) {
        int index = BOXES.indexOf(boxed);
        return index < 0 ? null : PRIMITIVES.get(index);
    }

    /** Whether {@code value} holds several values: an array (of objects or primitives) or a collection. */
    static boolean isMulti(Object value) {
        return value != null && (value.getClass().isArray() || value instanceof Collection);
    }

    /** The values an array, primitive array or collection holds; a single value as a list of one. */
    static List<Object> elements(Object value) {
        List<Object> list = new ArrayList<>();
        if (value instanceof Collection) {
            list.addAll((Collection<?>) value);
        } else if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            for (int i = 0; i < length; i++) {
                list.add(Array.get(value, i));
            }
        } else {
            list.add(value);
        }
        return list;
    }

    /** A new array of the Java type of {@code type} holding {@code values}. */
    static Object[] toArray(Scalar type, List<?> values) {
        Object[] array = (Object[]) Array.newInstance(type == Scalar.PASSWORD ? Password.class : javaType(type),
                values.size());
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** Parses the text form of one value (metatype defaults, snapshot XML); Password gives a String. */
    static Object parse(Scalar type, String text) throws InvalidValue {
        if (text == null) {
            throw new InvalidValue("has no value");
        }
        String trimmed = text.trim();
        try {
            switch (type) {
            case STRING:
            case PASSWORD:
                return text;
            case LONG:
                return Long.valueOf(trimmed);
            case DOUBLE:
                return Double.valueOf(trimmed);
            case FLOAT:
                return Float.valueOf(trimmed);
            case INTEGER:
                return Integer.valueOf(trimmed);
            case BYTE:
                return Byte.valueOf(trimmed);
            case SHORT:
                return Short.valueOf(trimmed);
            case BOOLEAN:
                return parseBoolean(trimmed);
            case CHAR:
                if (text.length() != 1) {
                    throw new InvalidValue("is not a single character");
                }
                return text.charAt(0);
            default:
                throw new InvalidValue("has an unknown type " + type);
            }
        } catch (NumberFormatException e) {
            throw new InvalidValue("is not a valid " + type.value());
        }
    }

    private static Boolean parseBoolean(String text) throws InvalidValue {
        String lower = text.toLowerCase(Locale.ROOT);
        if ("true".equals(lower)) {
            return Boolean.TRUE;
        } else if ("false".equals(lower)) {
            return Boolean.FALSE;
        }
        throw new InvalidValue("is not a valid Boolean (true or false)");
    }

    /**
     * One value converted to the Java type of {@code type}: the value itself when it has that type, its text
     * parsed when it is a String, a number converted when no information is lost. A Password becomes the
     * String of its characters.
     */
    static Object convert(Scalar type, Object value) throws InvalidValue {
        if (value == null) {
            throw new InvalidValue("holds an empty value");
        }
        if (type == Scalar.PASSWORD || type == Scalar.STRING) {
            if (value instanceof Password) {
                char[] chars = ((Password) value).getPassword();
                if (chars == null) {
                    throw new InvalidValue("holds an empty password");
                }
                return new String(chars);
            }
            if (type == Scalar.PASSWORD && !(value instanceof String)) {
                throw new InvalidValue("expects a Password or a String, not a " + value.getClass().getSimpleName());
            }
            return value instanceof String ? value : String.valueOf(value);
        }
        Class<?> target = javaType(type);
        if (target.isInstance(value)) {
            return value;
        }
        if (value instanceof String) {
            return parse(type, (String) value);
        }
        if (value instanceof Number) {
            return convertNumber(type, (Number) value);
        }
        throw new InvalidValue("expects a " + type.value() + ", not a " + value.getClass().getSimpleName());
    }

    private static Object convertNumber(Scalar type, Number number) throws InvalidValue {
        if (type == Scalar.DOUBLE) {
            return number.doubleValue();
        }
        if (type == Scalar.FLOAT) {
            return number.floatValue();
        }
        BigDecimal exact;
        try {
            exact = new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            throw new InvalidValue("is not a finite number");
        }
        BigInteger integral;
        try {
            integral = exact.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new InvalidValue("is not a whole number, as " + type.value() + " requires");
        }
        try {
            switch (type) {
            case LONG:
                return integral.longValueExact();
            case INTEGER:
                return integral.intValueExact();
            case SHORT:
                return integral.shortValueExact();
            case BYTE:
                return integral.byteValueExact();
            default:
                throw new InvalidValue("expects a " + type.value() + ", not a number");
            }
        } catch (ArithmeticException e) {
            throw new InvalidValue("is out of the range of " + type.value());
        }
    }
}
