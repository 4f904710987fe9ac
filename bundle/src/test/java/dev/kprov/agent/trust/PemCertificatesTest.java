package dev.kprov.agent.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.kprov.agent.trust.TestPki.Spec;
import dev.kprov.agent.trust.TrustException.Kind;

/** The {@code ssl.ca.certificates} metric and trust-anchor files (PROTOCOL.md sections 6.1 and 7). */
class PemCertificatesTest {

    private static final X509Certificate FIRST = new Spec("pem first", "P-256").selfSigned().certificate();
    private static final X509Certificate SECOND = new Spec("pem second", "P-256").selfSigned().certificate();

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrustException rejected(String text) {
        TrustException e = assertThrows(TrustException.class, () -> PemCertificates.parse(text, "ssl.ca.certificates"));
        assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith("ssl.ca.certificates: "), e.getMessage());
        return e;
    }

    @Test
    void bundleWithExplanatoryTextYieldsItsCertificatesInOrder() throws Exception {
        String text = "# account broker CAs\nsubject=CN=pem first\n" + pem(FIRST) + "\n" + pem(SECOND);

        assertEquals(List.of(FIRST, SECOND), PemCertificates.parse(text, "ssl.ca.certificates"));
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception {
        String text = (pem(FIRST) + pem(SECOND)).replace("\n", "\r\n");

        assertEquals(2, PemCertificates.parse(text, "ssl.ca.certificates").size());
    }

    @Test
    void elevenCertificatesAreRefused() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            text.append(pem(FIRST));
        }

        assertTrue(rejected(text.toString()).getMessage().contains("more than 10"));
    }

    @Test
    void tenCertificatesAreAccepted() throws Exception {
        assertEquals(10, PemCertificates.parse(pem(FIRST).repeat(10), "file").size());
    }

    @Test
    void textOverSixtyFourKibIsRefusedBeforeParsing() {
        String text = pem(FIRST) + "#".repeat(64 * 1024);

        assertTrue(rejected(text).getMessage().contains("over the bound"));
    }

    @Test
    void streamOverTheBoundIsRefusedWithoutReadingItAll() {
        byte[] big = new byte[1024 * 1024];
        Arrays.fill(big, (byte) '#');
        ByteArrayInputStream in = new ByteArrayInputStream(big);

        TrustException e = assertThrows(TrustException.class, () -> PemCertificates.read(in, "trust.pem"));

        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(in.available() > 900 * 1024, "stopped reading at the bound");
    }

    @Test
    void privateKeyBlockIsRefusedWithoutQuotingIt() {
        String secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7";
        String text = pem(FIRST) + "-----BEGIN PRIVATE KEY-----\n" + secret + "\n-----END PRIVATE KEY-----\n";

        TrustException e = rejected(text);

        assertTrue(e.getMessage().contains("'PRIVATE KEY'"), e.getMessage());
        assertTrue(e.getMessage().contains("block 2"), e.getMessage());
        assertFalse(e.getMessage().contains(secret.substring(0, 12)), e.getMessage());
    }

    @Test
    void openSslTrustedCertificateBlockIsRefused() {
        String text = pem(FIRST).replace("CERTIFICATE", "TRUSTED CERTIFICATE");

        assertTrue(rejected(text).getMessage().contains("not a CERTIFICATE"));
    }

    @Test
    void brokenBlocksAreRefusedWithTheirNumber() {
        assertTrue(rejected(pem(FIRST) + "-----BEGIN CERTIFICATE-----\nAAAA\n").getMessage().contains("no END"));
        assertTrue(rejected("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n").getMessage()
                .contains("base64"));
        assertTrue(rejected("-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n").getMessage()
                .contains("block 1"));
        assertTrue(rejected("-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END CERTIFICATE-----\n")
                .getMessage().contains("headers"));
        assertTrue(rejected("-----END CERTIFICATE-----\n").getMessage().contains("without its BEGIN"));
        assertTrue(rejected(pem(FIRST).replace("-----END CERTIFICATE-----\n", "") + pem(SECOND)).getMessage()
                .contains("not closed"));
    }

    @Test
    void certificateFollowedByOtherBytesInItsBlockIsRefused() throws Exception {
        byte[] der = FIRST.getEncoded();
        byte[] padded = Arrays.copyOf(der, der.length + 4);
        String text = "-----BEGIN CERTIFICATE-----\n" + Base64.getEncoder().encodeToString(padded)
                + "\n-----END CERTIFICATE-----\n";

        assertTrue(rejected(text).getMessage().contains("after the end"));
    }

    @Test
    void textWithoutAnyCertificateIsRefused() {
        assertTrue(rejected("").getMessage().contains("no CERTIFICATE"));
        assertTrue(rejected("just a comment\n").getMessage().contains("no CERTIFICATE"));
    }
}
