package dev.kprov.emulator.configuration;

import static dev.kprov.emulator.configuration.Fixture.SECRET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.Password;
import org.eclipse.kura.configuration.metatype.Scalar;
import org.junit.jupiter.api.Test;

import dev.kprov.emulator.configuration.Definitions.Ad;
import dev.kprov.emulator.configuration.Definitions.Ocd;
import dev.kprov.emulator.crypto.AesCryptoService;

/** Passwords are stored encrypted and read back in clear; what is already encrypted is left alone. */
class PasswordsTest {

    private final AesCryptoService crypto = new AesCryptoService("kprov-test-key-1");
    private final Passwords passwords = new Passwords(crypto);
    private final Ocd ocd = new Ocd("pid.x", "x", "",
            List.of(Ad.of("password", Scalar.PASSWORD, null), Ad.of("keys", Scalar.PASSWORD, null).cardinality(2),
                    Ad.of("user", Scalar.STRING, null)),
            List.of());

    private String clear(Object stored) throws KuraException {
        return new String(crypto.decryptAes(((String) stored).toCharArray()));
    }

    @Test
    void passwordObjectsAndStringsOfPasswordAdsAreStoredEncrypted() throws KuraException {
        Map<String, Object> properties = new HashMap<>(Map.of("password", new Password(SECRET), "user", "gateway",
                "keys", new String[] { SECRET + "1", SECRET + "2" }, "other", new Password(SECRET + "-x")));

        passwords.toStored(ocd, properties);

        assertEquals(SECRET, clear(properties.get("password")));
        assertNotEquals(SECRET, properties.get("password"));
        assertEquals(SECRET + "-x", clear(properties.get("other")), "any Password object is encrypted, as in Kura");
        String[] keys = (String[]) properties.get("keys");
        assertEquals(SECRET + "1", clear(keys[0]));
        assertEquals(SECRET + "2", clear(keys[1]));
        assertEquals("gateway", properties.get("user"), "a String AD is not a password");
    }

    @Test
    void aValueThatAlreadyDecryptsIsLeftAsItIs() throws KuraException {
        String encrypted = new String(crypto.encryptAes(SECRET.toCharArray()));
        Map<String, Object> properties = new HashMap<>(
                Map.of("password", encrypted, "keys", new Password[] { new Password(encrypted) }));

        passwords.toStored(ocd, properties);

        assertEquals(encrypted, properties.get("password"), "not encrypted twice");
        assertArrayEquals(new String[] { encrypted }, (String[]) properties.get("keys"));
    }

    @Test
    void readingGivesPasswordsOfTheClearCharacters() throws KuraException {
        Map<String, Object> properties = new HashMap<>(Map.of("password", new Password(SECRET), "keys",
                List.of(new Password(SECRET + "1"))));
        passwords.toStored(ocd, properties);

        passwords.toClear("pid.x", ocd, properties);

        Password password = assertInstanceOf(Password.class, properties.get("password"));
        assertArrayEquals(SECRET.toCharArray(), password.getPassword());
        Password[] keys = assertInstanceOf(Password[].class, properties.get("keys"));
        assertArrayEquals((SECRET + "1").toCharArray(), keys[0].getPassword());
    }

    @Test
    void aStoredValueThatDoesNotDecryptIsReturnedAsStoredAsKuraDoes() {
        Map<String, Object> properties = new HashMap<>(Map.of("password", "written-around-the-service"));

        passwords.toClear("pid.x", ocd, properties);

        assertEquals("written-around-the-service", properties.get("password").toString());
    }

    @Test
    void anotherKeyIsNotMistakenForEncrypted() throws KuraException {
        String foreign = new String(new AesCryptoService("another-gateway!").encryptAes(SECRET.toCharArray()));
        Map<String, Object> properties = new HashMap<>(Map.of("password", foreign));

        passwords.toStored(ocd, properties);

        assertEquals(foreign, clear(properties.get("password")),
                "a value that does not decrypt here is encrypted as it is");
    }
}
