package dev.kprov.emulator.configuration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.metatype.AD;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.junit.jupiter.api.Test;

import dev.kprov.emulator.configuration.Definitions.Ad;
import dev.kprov.emulator.configuration.Definitions.Ocd;

/** Validation of an update against the OCD: conversions, and errors that name the property and never the value. */
class ValidationTest {

    private static Ocd ocd(AD... ads) {
        return new Ocd("pid.x", "x", "", List.of(ads), List.of());
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static KuraException invalid(Ocd ocd, Map<String, Object> properties) {
        return assertThrows(KuraException.class, () -> Validation.check("pid.x", ocd, properties));
    }

    @Test
    void textAndLosslessNumbersAreConvertedToTheTypeOfTheAd() throws KuraException {
        Ocd ocd = ocd(Ad.of("port", Scalar.INTEGER, null), Ad.of("ratio", Scalar.DOUBLE, null),
                Ad.of("on", Scalar.BOOLEAN, null), Ad.of("size", Scalar.LONG, null), Ad.of("c", Scalar.CHAR, null),
                Ad.of("s", Scalar.SHORT, null), Ad.of("b", Scalar.BYTE, null), Ad.of("f", Scalar.FLOAT, null));

        Map<String, Object> checked = Validation.check("pid.x", ocd, props("port", " 8883 ", "ratio", 2, "on", "TRUE",
                "size", 7, "c", "z", "s", 3L, "b", "-4", "f", "1.5"));

        assertEquals(8883, checked.get("port"));
        assertEquals(2.0, checked.get("ratio"));
        assertEquals(Boolean.TRUE, checked.get("on"));
        assertEquals(7L, checked.get("size"));
        assertEquals('z', checked.get("c"));
        assertEquals((short) 3, checked.get("s"));
        assertEquals((byte) -4, checked.get("b"));
        assertEquals(1.5f, checked.get("f"));
    }

    @Test
    void anArrayAdTakesListsArraysAndSingleValuesAsArraysOfItsType() throws KuraException {
        Ocd ocd = ocd(Ad.of("ports", Scalar.INTEGER, null).cardinality(3),
                Ad.of("names", Scalar.STRING, null).cardinality(-10), Ad.of("flags", Scalar.BOOLEAN, null).cardinality(2));

        Map<String, Object> checked = Validation.check("pid.x", ocd,
                props("ports", List.of(1, "2", 3L), "names", "one", "flags", new boolean[] { true, false }));

        assertArrayEquals(new Integer[] { 1, 2, 3 }, (Integer[]) checked.get("ports"));
        assertArrayEquals(new String[] { "one" }, (String[]) checked.get("names"));
        assertArrayEquals(new Boolean[] { true, false }, (Boolean[]) checked.get("flags"));
    }

    @Test
    void aWrongTypeIsRejectedNamingThePropertyButNotTheValue() {
        KuraException e = invalid(ocd(Ad.of("port", Scalar.INTEGER, null)), props("port", "S3CR3T-port"));

        assertEquals(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID, e.getCode());
        assertTrue(e.getMessage().contains("'port'"), e.getMessage());
        assertTrue(e.getMessage().contains("pid.x"), e.getMessage());
        assertFalse(e.getMessage().contains("S3CR3T"), "the value must not be quoted");
    }

    @Test
    void boundsAreCheckedAsNumbersAndAsLengthsForStrings() {
        Ocd ocd = ocd(Ad.of("port", Scalar.INTEGER, null).bounds("1", "65535"),
                Ad.of("name", Scalar.STRING, null).bounds("2", "4"));

        assertTrue(invalid(ocd, props("port", 65536)).getMessage().contains("above the maximum 65535"));
        assertTrue(invalid(ocd, props("port", 0)).getMessage().contains("below the minimum 1"));
        assertTrue(invalid(ocd, props("name", "a")).getMessage().contains("'name'"));
        assertTrue(invalid(ocd, props("name", "abcde")).getMessage().contains("maximum length 4"));
    }

    @Test
    void aValueOutsideTheOptionsIsRejectedListingTheOptions() {
        KuraException e = invalid(ocd(Ad.of("qos", Scalar.INTEGER, null).options("0", "1", "2")), props("qos", 3));

        assertEquals(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID, e.getCode());
        assertTrue(e.getMessage().contains("'qos'") && e.getMessage().contains("[0, 1, 2]"), e.getMessage());
    }

    @Test
    void cardinalityIsEnforcedBothWays() {
        Ocd ocd = ocd(Ad.of("one", Scalar.STRING, null), Ad.of("two", Scalar.STRING, null).cardinality(2));

        assertTrue(invalid(ocd, props("one", new String[] { "a" })).getMessage().contains("single value"));
        assertTrue(invalid(ocd, props("two", List.of("a", "b", "c"))).getMessage().contains("at most 2"));
    }

    @Test
    void aMissingRequiredValueIsReportedByName() {
        KuraException e = invalid(ocd(Ad.of("account", Scalar.STRING, null).required(true)), props("other", "x"));

        assertEquals(KuraErrorCode.CONFIGURATION_REQUIRED_ATTRIBUTE_MISSING, e.getCode());
        assertTrue(e.getMessage().contains("'account'"), e.getMessage());
    }

    @Test
    void propertiesOutsideTheOcdAreKeptWhenConfigurationAdminCanHoldThem() throws KuraException {
        Ocd ocd = ocd(Ad.of("port", Scalar.INTEGER, null));

        Map<String, Object> checked = Validation.check("pid.x", ocd, props("extra", 5L, "list", List.of("a", "b")));

        assertEquals(5L, checked.get("extra"));
        assertArrayEquals(new String[] { "a", "b" }, (String[]) checked.get("list"));
        assertEquals(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID,
                invalid(ocd, props("odd", new Object())).getCode());
        assertEquals(KuraErrorCode.CONFIGURATION_ATTRIBUTE_INVALID,
                invalid(ocd, props("mixed", List.of("a", 1))).getCode());
    }

    @Test
    void metatypeDefaultsAreSplitOnUnescapedCommasAndTyped() {
        Ocd ocd = ocd(Ad.of("topics", Scalar.STRING, "a,b\\,c").cardinality(5), Ad.of("port", Scalar.INTEGER, "8883"),
                Ad.of("text", Scalar.STRING, "x\\,y"), Ad.of("broken", Scalar.INTEGER, "eight"),
                Ad.of("none", Scalar.STRING, null));

        Map<String, Object> defaults = DefaultValues.of("pid.x", ocd);

        assertArrayEquals(new String[] { "a", "b,c" }, (String[]) defaults.get("topics"));
        assertEquals(8883, defaults.get("port"));
        assertEquals("x,y", defaults.get("text"));
        assertFalse(defaults.containsKey("broken"), "a default that does not parse is left out");
        assertFalse(defaults.containsKey("none"));
        assertEquals("a,b\\,c", DefaultValues.join(DefaultValues.split("a,b\\,c")));
    }
}
