package dev.kprov.emulator.configuration;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.OCD;
import org.eclipse.kura.configuration.metatype.Option;
import org.eclipse.kura.configuration.metatype.Scalar;

import dev.kprov.emulator.configuration.TypedValues.InvalidValue;

/**
 * Checks the properties of an update against the OCD, as Kura's ConfigurationService does before it writes
 * them: type (converting what converts without loss, such as {@code "8883"} for an Integer), cardinality,
 * minimum and maximum (length for Strings), options and required values. Properties the OCD does not define
 * are kept, as in Kura, if ConfigurationAdmin can hold them. Exception messages name the property and the
 * rule, never the value.
 */
final class Validation {

    private Validation() {
    }

    /**
     * The properties converted to their AD types, arrays as arrays of boxed values, without {@code null}s.
     * Password values must already be in stored (String) form.
     *
     * @throws KuraException {@code CONFIGURATION_ATTRIBUTE_INVALID} or
     *             {@code CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING}, naming the property and the PID
     */
    static Map<String, Object> check(String pid, OCD ocd, Map<String, Object> properties) throws KuraException {
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : properties.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            AD ad = ocd == null ? null : adOf(ocd, entry.getKey());
            try {
                checked.put(entry.getKey(), ad == null ? untyped(entry.getValue()) : typed(ad, entry.getValue()));
            } catch (InvalidValue e) {
                throw new KuraException(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID,
                        "property '" + entry.getKey() + "' of " + pid + " " + e.getMessage());
            }
        }
        if (ocd != null && ocd.getAD() != null) {
            for (AD ad : ocd.getAD()) {
                if (ad.isRequired() && ad.getId() != null && !checked.containsKey(ad.getId())) {
                    throw new KuraException(KuraErrorCode.CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING,
                            "property '" + ad.getId() + "' of " + pid + " is required and has no value");
                }
            }
        }
        return checked;
    }

    private static AD adOf(OCD ocd, String id) {
        if (ocd.getAD() == null) {
            return null;
        }
        for (AD ad : ocd.getAD()) {
            if (id.equals(ad.getId()) && ad.getType() != null) {
                return ad;
            }
        }
        return null;
    }

    /** A value the OCD does not define: kept if ConfigurationAdmin can hold it, arrays made uniform. */
    static Object untyped(Object value) throws InvalidValue {
        if (!TypedValues.isMulti(value)) {
            Scalar scalar = TypedValues.scalarOf(value);
            if (scalar == null || scalar == Scalar.PASSWORD) {
                throw new InvalidValue("has a type a configuration cannot hold: " + value.getClass().getSimpleName());
            }
            return value;
        }
        List<Object> elements = TypedValues.elements(value);
        Scalar type = elements.isEmpty() ? TypedValues.scalarOfEmpty(value) : TypedValues.scalarOf(elements.get(0));
        if (type == null || type == Scalar.PASSWORD) {
            throw new InvalidValue("is a list of a type a configuration cannot hold");
        }
        for (Object element : elements) {
            if (TypedValues.scalarOf(element) != type) {
                throw new InvalidValue("is a list whose values are not all of type " + type.value());
            }
        }
        return TypedValues.toArray(type, elements);
    }

    private static Object typed(AD ad, Object value) throws InvalidValue {
        Scalar type = ad.getType();
        if (ad.getCardinality() == 0) {
            if (TypedValues.isMulti(value)) {
                throw new InvalidValue("expects a single value, not a list");
            }
            return checkedElement(ad, TypedValues.convert(type, value));
        }
        List<Object> elements = TypedValues.elements(value);
        long allowed = Math.abs((long) ad.getCardinality());
        if (elements.size() > allowed) {
            throw new InvalidValue("holds " + elements.size() + " values, at most " + allowed + " allowed");
        }
        List<Object> converted = new ArrayList<>(elements.size());
        for (Object element : elements) {
            converted.add(checkedElement(ad, TypedValues.convert(type, element)));
        }
        return TypedValues.toArray(type == Scalar.PASSWORD ? Scalar.STRING : type, converted);
    }

    private static Object checkedElement(AD ad, Object value) throws InvalidValue {
        Scalar type = ad.getType();
        if (type == Scalar.PASSWORD || type == Scalar.BOOLEAN) {
            // A stored password is encrypted: its length says nothing about the password's.
            return value;
        }
        checkBound(type, value, ad.getMin(), true);
        checkBound(type, value, ad.getMax(), false);
        checkOptions(ad, value);
        return value;
    }

    private static void checkBound(Scalar type, Object value, String bound, boolean minimum) throws InvalidValue {
        if (bound == null || bound.trim().isEmpty()) {
            return;
        }
        int comparison;
        try {
            comparison = compare(type, value, bound.trim());
        } catch (NumberFormatException e) {
            return; // a bound that is not a number of the type is a metatype mistake: no bound
        }
        String word = type == Scalar.STRING ? (minimum ? "is shorter than the minimum length " : "is longer than the maximum length ")
                : minimum ? "is below the minimum " : "is above the maximum ";
        if (minimum ? comparison < 0 : comparison > 0) {
            throw new InvalidValue(word + bound.trim());
        }
    }

    private static int compare(Scalar type, Object value, String bound) {
        switch (type) {
        case STRING:
            return Integer.compare(((String) value).length(), Integer.parseInt(bound));
        case CHAR:
            if (bound.length() != 1) {
                throw new NumberFormatException("not a character");
            }
            return Character.compare((Character) value, bound.charAt(0));
        case DOUBLE:
        case FLOAT:
            return Double.compare(((Number) value).doubleValue(), Double.parseDouble(bound));
        default:
            return new BigDecimal(value.toString()).compareTo(new BigDecimal(bound));
        }
    }

    private static void checkOptions(AD ad, Object value) throws InvalidValue {
        List<Option> options = ad.getOption();
        if (options == null || options.isEmpty()) {
            return;
        }
        List<String> allowed = new ArrayList<>();
        for (Option option : options) {
            if (option.getValue() == null) {
                continue;
            }
            allowed.add(option.getValue());
            try {
                if (TypedValues.parse(ad.getType(), option.getValue()).equals(value)) {
                    return;
                }
            } catch (InvalidValue e) {
                // an option that is not of the AD's type never matches
            }
        }
        throw new InvalidValue("is not one of the options " + allowed);
    }
}
