package dev.kprov.agent.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.crypto.CryptoService;
import org.eclipse.kura.system.SystemService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.emulator.crypto.AesCryptoService;
import dev.kprov.emulator.system.PropertiesSystemService;

class OptionsTest {

    private final CryptoService crypto = new AesCryptoService("0123456789abcdef");
    private SystemService system = gateway("00:E0:C7:A1:B2:C3", "SN1234");

    private static SystemService gateway(String mac, String serial) {
        Map<String, String> properties = new HashMap<>();
        if (mac != null) {
            properties.put(PropertiesSystemService.KEY_PRIMARY_MAC, mac);
        }
        if (serial != null) {
            properties.put(SystemService.KEY_SERIAL_NUM, serial);
        }
        return new PropertiesSystemService(properties);
    }

    private Options parse(ConfigFixture config) throws InvalidSettingException {
        return Options.parse(config.build(), crypto, system);
    }

    private InvalidSettingException rejected(ConfigFixture config) {
        return assertThrows(InvalidSettingException.class, () -> parse(config));
    }

    private String encrypted(String clear) throws Exception {
        return new String(crypto.encryptAes(clear.toCharArray()));
    }

    @Test
    void factoryDefaultsAreDisabledAndNeedNoOtherSetting() throws Exception {
        // given the metatype defaults, whose broker-url is a placeholder
        Options options = parse(new ConfigFixture());

        assertFalse(options.enabled());
        assertFalse(options.wantsRun());
    }

    @Test
    void provisionedGatewayDoesNotRunEvenWithPlaceholderBroker() throws Exception {
        Options options = parse(new ConfigFixture().with("enabled", true).with("provisioned", true));

        assertTrue(options.provisioned());
        assertFalse(options.wantsRun());
    }

    @Test
    void enabledWithThePlaceholderBrokerIsMisconfiguredNamingBrokerUrl() {
        InvalidSettingException e = rejected(new ConfigFixture().with("enabled", true));

        assertEquals("broker-url", e.setting());
        assertTrue(e.reason().contains("placeholder"), e.reason());
    }

    @Test
    void derivesClientIdFromPrimaryMacAndUsernameFromSerial() throws Exception {
        Options options = parse(ConfigFixture.enabled());

        assertEquals("00E0C7A1B2C3", options.clientId());
        assertEquals("00E0C7A1B2C3-SN1234", options.username());
    }

    @Test
    void lowerCaseMacIsUpperCased() throws Exception {
        system = gateway("00:e0:c7:a1:b2:c3", "SN1");

        assertEquals("00E0C7A1B2C3", parse(ConfigFixture.enabled()).clientId());
    }

    @Test
    void configuredIdentityWins() throws Exception {
        Options options = parse(ConfigFixture.enabled().with("client-id", "gw-7").with("username", "alice"));

        assertEquals("gw-7", options.clientId());
        assertEquals("alice", options.username());
    }

    @Test
    void usernameDerivedFromConfiguredClientId() throws Exception {
        assertEquals("gw-7-SN1234", parse(ConfigFixture.enabled().with("client-id", "gw-7")).username());
    }

    @ParameterizedTest
    @ValueSource(strings = { "UNKNOWN", "", " " })
    void noMacToDeriveFromNamesClientId(String mac) {
        system = gateway(mac, "SN1");

        assertEquals("client-id", rejected(ConfigFixture.enabled()).setting());
    }

    @Test
    void missingMacIsFineWhenClientIdIsSet() throws Exception {
        system = gateway(null, "SN1");

        assertEquals("gw", parse(ConfigFixture.enabled().with("client-id", "gw")).clientId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "UNKNOWN", "" })
    void noSerialToDeriveFromNamesUsername(String serial) {
        system = gateway("00:E0:C7:A1:B2:C3", serial);

        assertEquals("username", rejected(ConfigFixture.enabled()).setting());
    }

    @ParameterizedTest
    @ValueSource(strings = { "a/b", "a+b", "a#b", "#", "tab\there" })
    void clientIdThatIsNotATopicLevelIsInvalid(String clientId) {
        assertEquals("client-id", rejected(ConfigFixture.enabled().with("client-id", clientId)).setting());
    }

    @ParameterizedTest
    @ValueSource(strings = { "acc/x", "acc+", "#", "", "   " })
    void accountNameThatIsNotATopicLevelIsInvalid(String account) {
        assertEquals("account-name", rejected(ConfigFixture.enabled().with("account-name", account)).setting());
    }

    @Test
    void longClientIdIsAcceptedWithAWarning() throws Exception {
        String id = "client-id-longer-than-23-characters";

        assertEquals(id, parse(ConfigFixture.enabled().with("client-id", id)).clientId());
    }

    @Test
    void namesAreBounded() {
        String tooLong = "x".repeat(Options.MAX_NAME_LENGTH + 1);

        assertEquals("client-id", rejected(ConfigFixture.enabled().with("client-id", tooLong)).setting());
        assertEquals("account-name", rejected(ConfigFixture.enabled().with("account-name", tooLong)).setting());
        assertEquals("username", rejected(ConfigFixture.enabled().with("username", tooLong)).setting());
    }

    @ParameterizedTest
    @CsvSource({
            "mqtts://broker.example.com:8883, true, broker.example.com, 8883, ssl://broker.example.com:8883",
            "mqtts://broker.example.com, true, broker.example.com, 8883, ssl://broker.example.com:8883",
            "ssl://10.0.0.1:18883/, true, 10.0.0.1, 18883, ssl://10.0.0.1:18883",
            "mqtt://broker.example.com, false, broker.example.com, 1883, tcp://broker.example.com:1883",
            "tcp://localhost:1, false, localhost, 1, tcp://localhost:1",
            "MQTTS://[::1]:65535, true, [::1], 65535, ssl://[::1]:65535" })
    void brokerUrlSchemesAndDefaultPorts(String url, boolean tls, String host, int port, String paho)
            throws Exception {
        BrokerAddress broker = parse(ConfigFixture.enabled().with("broker-url", url)).broker();

        assertEquals(tls, broker.tls());
        assertEquals(host, broker.host());
        assertEquals(port, broker.port());
        assertEquals(paho, broker.pahoUri());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "broker.example.com:8883", "http://broker.example.com", "ws://broker.example.com",
            "mqtts://", "mqtts://:8883", "mqtts://user:pw@broker.example.com", "mqtts://broker.example.com/path",
            "mqtts://broker.example.com?x=1", "mqtts://broker.example.com:0", "mqtts://broker.example.com:70000",
            "mqtts://bro ker", "mqtts://BROKER-URL:8883" })
    void badBrokerUrlsAreInvalid(String url) {
        InvalidSettingException e = rejected(ConfigFixture.enabled().with("broker-url", url));

        assertEquals("broker-url", e.setting());
    }

    @Test
    void passwordInBrokerUrlIsRejectedWithoutQuotingIt() {
        InvalidSettingException e = rejected(ConfigFixture.enabled().with("broker-url", "http://u:url-S3CR3T@host"));

        assertEquals("broker-url", e.setting());
        assertFalse(e.getMessage().contains("url-S3CR3T"), e.getMessage());
    }

    @Test
    void brokerUrlIsBounded() {
        String url = "mqtts://" + "a".repeat(2000) + ".example.com";

        assertEquals("broker-url", rejected(ConfigFixture.enabled().with("broker-url", url)).setting());
    }

    @ParameterizedTest
    @CsvSource({ "timeout, 0", "timeout, 3601", "timeout, -5", "retry-interval, 0", "retry-interval, 86401",
            "retry-max-attempts, -2", "retry-max-attempts, 0", "retry-max-attempts, 1000001" })
    void numbersOutOfRangeNameTheirSetting(String setting, int value) {
        assertEquals(setting, rejected(ConfigFixture.enabled().with(setting, value)).setting());
    }

    @ParameterizedTest
    @CsvSource({ "timeout, 1", "timeout, 3600", "retry-interval, 1", "retry-interval, 86400",
            "retry-max-attempts, -1", "retry-max-attempts, 1", "retry-max-attempts, 1000000" })
    void numbersAtTheirBoundsAreAccepted(String setting, int value) {
        assertDoesNotReject(ConfigFixture.enabled().with(setting, value));
    }

    private void assertDoesNotReject(ConfigFixture config) {
        try {
            parse(config);
        } catch (InvalidSettingException e) {
            throw new AssertionError("rejected: " + e.getMessage(), e);
        }
    }

    @Test
    void defaultsOfTheNumbers() throws Exception {
        Options options = parse(ConfigFixture.enabled());

        assertEquals(60, options.timeoutSeconds());
        assertEquals(60, options.retryIntervalSeconds());
        assertEquals(-1, options.retryMaxAttempts());
        assertTrue(options.caAuthentication());
        assertEquals("kura-provision", options.accountName());
    }

    @Test
    void valueOfTheWrongTypeNamesTheSetting() {
        assertEquals("timeout", rejected(ConfigFixture.enabled().with("timeout", "soon")).setting());
    }

    @Test
    void passwordsAreDecryptedOnlyWhenRevealed() throws Exception {
        Options options = parse(ConfigFixture.enabled().with("password", encrypted("pw-S3CR3T-1"))
                .with("activation-key", encrypted("AK-S3CR3T-42")));

        assertArrayEquals("pw-S3CR3T-1".toCharArray(), options.password().reveal());
        assertArrayEquals("AK-S3CR3T-42".toCharArray(), options.activationKey().reveal());
        assertFalse(options.password().toString().contains("S3CR3T"));
        assertFalse(options.toString().contains("S3CR3T"));
        assertFalse(options.toString().contains("AK-S3CR3T"));
    }

    @Test
    void emptyPasswordAndActivationKeyMeanNone() throws Exception {
        Options options = parse(ConfigFixture.enabled());

        assertTrue(options.password().isEmpty());
        assertTrue(options.activationKey().isEmpty());
    }

    @Test
    void passwordInClearTextIsAnErrorNeverUsedAsIs() {
        InvalidSettingException e = rejected(ConfigFixture.enabled().with("password", "clear-S3CR3T-pw"));

        assertEquals("password", e.setting());
        assertFalse(e.getMessage().contains("clear-S3CR3T-pw"));
    }

    @Test
    void activationKeyEncryptedWithAnotherKeyIsAnError() throws Exception {
        String foreign = new String(new AesCryptoService("fedcba9876543210").encryptAes("k".toCharArray()));

        InvalidSettingException e = rejected(ConfigFixture.enabled().with("activation-key", foreign));

        assertEquals("activation-key", e.setting());
    }
}
