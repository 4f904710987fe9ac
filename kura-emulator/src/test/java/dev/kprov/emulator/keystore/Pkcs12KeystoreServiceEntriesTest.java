package dev.kprov.emulator.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore.Entry;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.security.keystore.KeystoreChangedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import dev.kprov.emulator.testing.RecordingEventAdmin;
import dev.kprov.emulator.testing.TestPki;

/** What a Kura developer does with the keystore: key pairs, key managers, CSRs, CRLs, events, errors. */
class Pkcs12KeystoreServiceEntriesTest {

    private static final String PASSWORD = "Entries-Pa55word";
    private static TestPki.Issued ca;

    @TempDir
    Path dir;
    private Pkcs12KeystoreService keystore;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("entries test CA");
    }

    @BeforeEach
    void open() throws KuraException {
        keystore = new Pkcs12KeystoreService(dir.resolve("ssl.p12"), PASSWORD.toCharArray());
    }

    @Test
    void aCreatedKeyPairServesKeyManagers() throws Exception {
        keystore.createKeyPair("device", "EC", 256, "SHA256withECDSA", "CN=device-1, O=Example");
        PrivateKeyEntry entry = (PrivateKeyEntry) keystore.getEntry("device");

        for (List<KeyManager> managers : List.of(keystore.getKeyManagers("SunX509"),
                keystore.getKeyManagers("PKIX", "SunJSSE"))) {
            X509KeyManager manager = assertInstanceOf(X509KeyManager.class, managers.get(0));
            String alias = manager.chooseClientAlias(new String[] { "EC" }, null, null);
            assertNotNull(alias);
            assertEquals(entry.getPrivateKey(), manager.getPrivateKey(alias));
            assertEquals(new X500Principal("CN=device-1, O=Example"),
                    manager.getCertificateChain(alias)[0].getSubjectX500Principal());
        }
    }

    @Test
    void everyCreateKeyPairOverloadMakesAKeyWithAValidSelfSignedCertificate() throws Exception {
        SecureRandom random = new SecureRandom();
        keystore.createKeyPair("ec-size", "EC", 256, "SHA256withECDSA", "CN=ec-size");
        keystore.createKeyPair("rsa-size", "RSA", 2048, "SHA256withRSA", "CN=rsa-size", random);
        keystore.createKeyPair("ec-spec", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA", "CN=ec-spec");
        keystore.createKeyPair("ec-spec-random", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA",
                "CN=ec-spec-random, O=Example, C=IT", random);

        for (String alias : List.of("ec-size", "rsa-size", "ec-spec", "ec-spec-random")) {
            PrivateKeyEntry entry = assertInstanceOf(PrivateKeyEntry.class, keystore.getEntry(alias));
            X509Certificate certificate = (X509Certificate) entry.getCertificate();
            certificate.verify(certificate.getPublicKey());
            certificate.checkValidity();
            assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
            assertTrue(certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(364, ChronoUnit.DAYS)));
        }
        X509Certificate withSpec = (X509Certificate) ((PrivateKeyEntry) keystore.getEntry("ec-spec")).getCertificate();
        assertEquals(384, ((ECPublicKey) withSpec.getPublicKey()).getParams().getCurve().getField().getFieldSize());
        X509Certificate rsa = (X509Certificate) ((PrivateKeyEntry) keystore.getEntry("rsa-size")).getCertificate();
        assertEquals(2048, ((RSAPublicKey) rsa.getPublicKey()).getModulus().bitLength());
        X509Certificate named = (X509Certificate) ((PrivateKeyEntry) keystore.getEntry("ec-spec-random"))
                .getCertificate();
        assertEquals(new X500Principal("CN=ec-spec-random, O=Example, C=IT"), named.getSubjectX500Principal());
    }

    @Test
    void csrsArePemPkcs10SignedByTheKey() throws Exception {
        keystore.createKeyPair("device", "EC", 256, "SHA256withECDSA", "CN=self-signed");
        PrivateKeyEntry entry = (PrivateKeyEntry) keystore.getEntry("device");
        X500Principal subject = new X500Principal("CN=device-1, O=Example");

        PKCS10CertificationRequest fromAlias = parse(keystore.getCSR("device", subject, "SHA256withECDSA"));
        KeyPair rsa = rsaKeyPair();
        PKCS10CertificationRequest fromKeyPair = parse(keystore.getCSR(rsa, subject, "SHA256withRSA"));

        assertTrue(fromAlias.isSignatureValid(
                new JcaContentVerifierProviderBuilder().build(entry.getCertificate().getPublicKey())));
        assertEquals(subject, new X500Principal(fromAlias.getSubject().getEncoded()));
        assertArrayEquals(entry.getCertificate().getPublicKey().getEncoded(),
                fromAlias.getSubjectPublicKeyInfo().getEncoded());
        assertTrue(fromKeyPair.isSignatureValid(new JcaContentVerifierProviderBuilder().build(rsa.getPublic())));
        assertEquals(subject, new X500Principal(fromKeyPair.getSubject().getEncoded()));
    }

    private static PKCS10CertificationRequest parse(String pem) throws Exception {
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), pem);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return assertInstanceOf(PKCS10CertificationRequest.class, parser.readObject());
        }
    }

    private static KeyPair rsaKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    @Test
    void badInputIsRefusedWithAMessageThatNamesIt() throws Exception {
        keystore.setEntry("ca", new TrustedCertificateEntry(ca.certificate));
        X500Principal subject = new X500Principal("CN=x");

        refused(KuraErrorCode.BAD_REQUEST, "alias", () -> keystore.getEntry(null));
        refused(KuraErrorCode.BAD_REQUEST, "alias", () -> keystore.deleteEntry(" "));
        refused(KuraErrorCode.BAD_REQUEST, "entry for alias 'x'", () -> keystore.setEntry("x", null));
        refused(KuraErrorCode.BAD_REQUEST, "unsupported entry type", () -> keystore.setEntry("x", new Entry() {
        }));
        refused(KuraErrorCode.BAD_REQUEST, "alias", () -> keystore.createKeyPair(null, "EC", 256, "SHA256withECDSA",
                "CN=x"));
        refused(KuraErrorCode.BAD_REQUEST, "key algorithm 'NOPE'",
                () -> keystore.createKeyPair("x", "NOPE", 256, "SHA256withECDSA", "CN=x"));
        refused(KuraErrorCode.BAD_REQUEST, "key size 13",
                () -> keystore.createKeyPair("x", "EC", 13, "SHA256withECDSA", "CN=x"));
        refused(KuraErrorCode.BAD_REQUEST, "cannot sign with a EC key",
                () -> keystore.createKeyPair("x", "EC", 256, "SHA256withRSA", "CN=x"));
        refused(KuraErrorCode.BAD_REQUEST, "attributes 'no name here'",
                () -> keystore.createKeyPair("x", "EC", 256, "SHA256withECDSA", "no name here"));
        refused(KuraErrorCode.BAD_REQUEST, "algorithmParameter",
                () -> keystore.createKeyPair("x", "EC", null, "SHA256withECDSA", "CN=x"));
        refused(KuraErrorCode.NOT_FOUND, "'missing'", () -> keystore.getCSR("missing", subject, "SHA256withECDSA"));
        refused(KuraErrorCode.BAD_REQUEST, "not a key pair", () -> keystore.getCSR("ca", subject, "SHA256withECDSA"));
        refused(KuraErrorCode.BAD_REQUEST, "principal", () -> keystore.getCSR(rsaKeyPair(), null, "SHA256withRSA"));
        refused(KuraErrorCode.BAD_REQUEST, "'Nope'", () -> keystore.getKeyManagers("Nope"));
        refused(KuraErrorCode.BAD_REQUEST, "provider 'NoSuchProvider'",
                () -> keystore.getKeyManagers("SunX509", "NoSuchProvider"));
        refused(KuraErrorCode.BAD_REQUEST, "crl", () -> keystore.addCRL(null));

        assertEquals(List.of("ca"), keystore.getAliases());
    }

    private static void refused(KuraErrorCode code, String named, Executable call) {
        KuraException failure = assertThrows(KuraException.class, call);
        assertEquals(code, failure.getCode(), failure.getMessage());
        assertTrue(failure.getMessage().contains(named), failure.getMessage());
        assertFalse(failure.getMessage().contains(PASSWORD), failure.getMessage());
    }

    @Test
    void everyChangeIsPostedAsAKeystoreChangedEvent() throws Exception {
        RecordingEventAdmin eventAdmin = new RecordingEventAdmin();
        keystore.setEventAdmin(eventAdmin);

        keystore.setEntry("ca", new TrustedCertificateEntry(ca.certificate));
        keystore.deleteEntry("no-such-alias");
        keystore.createKeyPair("device", "EC", 256, "SHA256withECDSA", "CN=device-1");
        keystore.deleteEntry("ca");
        keystore.addCRL(TestPki.crl(ca, Instant.now(), BigInteger.TEN));
        assertThrows(KuraException.class, () -> keystore.setEntry("bad", new Entry() {
        }));

        List<Event> events = eventAdmin.events();
        assertEquals(4, events.size(), "set, create, delete, CRL: " + events);
        for (Event event : events) {
            assertEquals(KeystoreChangedEvent.EVENT_TOPIC, event.getTopic());
            assertEquals("SSLKeystore", event.getProperty(KeystoreChangedEvent.SENDER_PID_PROPERTY_KEY));
        }

        keystore.unsetEventAdmin(eventAdmin);
        keystore.setEntry("ca", new TrustedCertificateEntry(ca.certificate));
        assertEquals(4, eventAdmin.events().size());
    }

    @Test
    void crlsAreKeptNewestPerIssuerAndServedThroughTheCertStore() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        X509CRL older = TestPki.crl(ca, now.minus(1, ChronoUnit.DAYS), BigInteger.ONE);
        X509CRL newer = TestPki.crl(ca, now, BigInteger.TWO);
        X509CRL otherIssuer = TestPki.crl(TestPki.ca("other CA"), now, BigInteger.ONE);

        keystore.addCRL(older);
        keystore.addCRL(otherIssuer);
        keystore.addCRL(newer);
        keystore.addCRL(older);

        assertEquals(2, keystore.getCRLs().size());
        assertTrue(keystore.getCRLs().contains(newer));
        X509CRLSelector byIssuer = new X509CRLSelector();
        byIssuer.addIssuer(ca.certificate.getSubjectX500Principal());
        List<X509CRL> found = keystore.getCRLStore().getCRLs(byIssuer).stream().map(X509CRL.class::cast)
                .collect(Collectors.toList());
        assertEquals(List.of(newer), found);
        assertNotNull(found.get(0).getRevokedCertificate(BigInteger.TWO));
    }
}
