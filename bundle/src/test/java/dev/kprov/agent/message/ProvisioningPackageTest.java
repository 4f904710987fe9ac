package dev.kprov.agent.message;

import static dev.kprov.agent.message.ProvisionRequestTest.with;
import static dev.kprov.agent.message.ProvisionRequestTest.without;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProvisioningPackageTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final String CLIENT = "00E0C7A1B2C3";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final byte[] XML = "<esf:configurations/>".getBytes(StandardCharsets.UTF_8);

    private final ProvisioningPackage pkg = ProvisioningPackage.builder(ID, CLIENT, "acme")
            .issuedAt(1_767_225_600_000L)
            .configuration(XML)
            .sslCaCertificates(CERT)
            .addApplication(Application.of("com.acme.app", "1.0.0", new byte[] {1, 2, 3}))
            .addApplication(Application.of("com.acme.other", "2.1", new byte[0]))
            .build();

    private static ProvisioningPackage read(Payload payload) throws MessageException {
        return ProvisioningPackage.fromPayload(PayloadCodec.decodePlain(PayloadCodec.encode(payload)));
    }

    @Test
    void thePlatformsPackageReadsBackWhole() throws MessageException {
        ProvisioningPackage back = read(pkg.toPayload());

        assertEquals(ID, back.requestId());
        assertEquals(CLIENT, back.clientId());
        assertEquals("acme", back.accountName());
        assertEquals(1_767_225_600_000L, back.issuedAt());
        assertArrayEquals(XML, back.configuration());
        assertEquals(CERT, back.sslCaCertificates().get());
        assertEquals(pkg.applications(), back.applications());
        assertArrayEquals(new byte[] {1, 2, 3}, back.applications().get(0).content());
        assertEquals(pkg.toPayload(), back.toPayload());
    }

    @Test
    void theMetricsAreThoseOfSectionSixOne() {
        assertEquals(Arrays.asList("request.id", "client.id", "issued.at", "account.name", "configuration",
                "ssl.ca.certificates", "application.count", "application.0.name", "application.0.version",
                "application.0.sha256", "application.0.content", "application.1.name", "application.1.version",
                "application.1.sha256", "application.1.content"), pkg.toPayload().metricNames());
        assertEquals("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
                pkg.applications().get(0).sha256());
    }

    @Test
    void aPackageWithoutApplicationsOrCertificatesIsFine() throws MessageException {
        ProvisioningPackage bare = ProvisioningPackage.builder(ID, CLIENT, "acme").issuedAt(0).configuration(XML)
                .build();
        ProvisioningPackage back = read(bare.toPayload());
        assertTrue(back.applications().isEmpty());
        assertFalse(back.sslCaCertificates().isPresent());
    }

    @Test
    void onlyThePackageForTheRequestInFlightAndThisGatewayIsAccepted() throws MessageException {
        pkg.checkBoundTo(ID, CLIENT);
        MessageException replay = assertThrows(MessageException.class,
                () -> pkg.checkBoundTo("ffffffffffffffffffffffffffffffff", CLIENT));
        assertTrue(replay.getMessage().contains("for request " + ID), replay.getMessage());
        MessageException other = assertThrows(MessageException.class, () -> pkg.checkBoundTo(ID, "OTHER"));
        assertTrue(other.getMessage().contains("client id '" + CLIENT + "'"), other.getMessage());
    }

    @Test
    void aContentThatDoesNotMatchItsHashIsRejected() {
        Payload tampered = with(pkg.toPayload(), "application.1.content", new byte[] {0});
        assertRejected(tampered, "application.1.sha256 does not match the SHA-256 of application.1.content");
        String upper = pkg.applications().get(0).sha256().toUpperCase();
        assertRejected(with(pkg.toPayload(), "application.0.sha256", upper), "application.0.sha256 is not 64");
    }

    @Test
    void everyRequiredMetricIsRequiredWithItsType() {
        Payload good = pkg.toPayload();
        for (String name : good.metricNames()) {
            if (!name.equals("ssl.ca.certificates")) {
                assertRejected(without(good, name), "'" + name + "' is missing");
            }
        }
        assertRejected(with(good, "issued.at", 5), "'issued.at' is INT32, expected INT64");
        assertRejected(with(good, "configuration", "<xml/>"), "'configuration' is STRING, expected BYTES");
        assertRejected(with(good, "application.count", 2L), "'application.count' is INT64");
        assertRejected(with(good, "ssl.ca.certificates", new byte[1]), "'ssl.ca.certificates' is BYTES");
    }

    @Test
    void malformedIdsAndNamesAreRejected() {
        Payload good = pkg.toPayload();
        assertRejected(with(good, "request.id", "0123"), "request.id of the package is not 32");
        assertRejected(with(good, "client.id", ""), "client.id is empty");
        assertRejected(with(good, "account.name", "a/b"), "account.name contains '/'");
        assertRejected(with(good, "application.0.name", ""), "application.0.name is empty");
        assertRejected(with(good, "application.1.version", ""), "application.1.version is empty");
    }

    @Test
    void theApplicationCountMustBeWithinBoundsAndMatchTheMetrics() {
        Payload good = pkg.toPayload();
        assertRejected(with(good, "application.count", 10), "application.count 10 is outside 0..9");
        assertRejected(with(good, "application.count", -1), "application.count -1 is outside 0..9");
        assertRejected(with(good, "application.count", 1), "unexpected metric 'application.1.name'");
        assertRejected(with(good, "application.count", 3), "'application.2.name' is missing");
        assertRejected(with(good, "application.7.extra", "x"), "unexpected metric 'application.7.extra'");
    }

    @Test
    void sizesPastTheBoundsOfSectionSevenAreRejected() {
        Payload good = pkg.toPayload();
        byte[] bigXml = new byte[Limits.MAX_CONFIGURATION_BYTES + 1];
        assertRejected(with(good, "configuration", bigXml), "configuration is 1048577 bytes, more than the 1048576");
        byte[] bigApp = new byte[Limits.MAX_APPLICATION_BYTES + 1];
        assertRejected(with(good, "application.1.content", bigApp), "application.1.content is 8388609 bytes");
        StringBuilder manyCerts = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_CERTIFICATES; i++) {
            manyCerts.append(CERT);
        }
        assertRejected(with(good, "ssl.ca.certificates", manyCerts.toString()), "holds 11 certificates");
        char[] huge = new char[Limits.MAX_SSL_CA_CERTIFICATES_CHARS + 1];
        Arrays.fill(huge, 'A');
        assertRejected(with(good, "ssl.ca.certificates", new String(huge)), "ssl.ca.certificates is 65537 characters");
    }

    @Test
    void theBuildersRefuseWhatTheAgentWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> ProvisioningPackage.builder("x", CLIENT, "acme"));
        assertThrows(IllegalArgumentException.class, () -> ProvisioningPackage.builder(ID, CLIENT, "a#"));
        assertThrows(IllegalStateException.class, () -> ProvisioningPackage.builder(ID, CLIENT, "a").build());
        assertThrows(IllegalArgumentException.class, () -> Application.of("", "1", new byte[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Application.of("a", "1", new byte[Limits.MAX_APPLICATION_BYTES + 1]));
        ProvisioningPackage.Builder full = ProvisioningPackage.builder(ID, CLIENT, "acme");
        for (int i = 0; i < Limits.MAX_APPLICATIONS; i++) {
            full.addApplication(Application.of("app" + i, "1", new byte[0]));
        }
        assertThrows(IllegalArgumentException.class, () -> full.addApplication(Application.of("x", "1", new byte[0])));
    }

    @Test
    void toStringShowsNoContent() {
        String text = pkg.toString();
        assertTrue(text.contains("com.acme.app 1.0.0, 3 bytes"), text);
        assertFalse(text.contains("esf:configurations") || text.contains("MIIB"), text);
    }

    private static void assertRejected(Payload payload, String fragment) {
        MessageException e = assertThrows(MessageException.class, () -> ProvisioningPackage.fromPayload(payload));
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
