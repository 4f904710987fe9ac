package dev.kprov.emulator.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.KeyStore.SecretKeyEntry;
import java.security.KeyStore.TrustedCertificateEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

import dev.kprov.emulator.testing.TestPki;

/** The keystore file: created when missing, kept across instances, written atomically, password checked. */
class Pkcs12KeystoreServiceFileTest {

    private static final String PASSWORD = "Keystore-S3CR3T-Pa55";
    private static TestPki.Issued ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.ca("file test CA");
    }

    private Pkcs12KeystoreService open(Path file) throws KuraException {
        return new Pkcs12KeystoreService(file, PASSWORD.toCharArray());
    }

    private Set<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aMissingFileIsCreatedAsAnEmptyPkcs12Keystore() throws Exception {
        Path file = dir.resolve("security/nested/ssl.p12");

        Pkcs12KeystoreService keystore = open(file);

        assertTrue(Files.isRegularFile(file));
        assertTrue(keystore.getAliases().isEmpty());
        KeyStore onDisk = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            onDisk.load(in, PASSWORD.toCharArray());
        }
        assertEquals(0, onDisk.size());
    }

    @Test
    void everyEntryTypeSurvivesANewInstanceOnTheSameFile() throws Exception {
        Path file = dir.resolve("ssl.p12");
        Pkcs12KeystoreService first = open(file);
        first.createKeyPair("device", "RSA", 2048, "SHA256withRSA", "CN=device-1, O=Example");
        first.setEntry("broker-ca", new TrustedCertificateEntry(ca.certificate));
        first.setEntry("aes", new SecretKeyEntry(new SecretKeySpec(new byte[16], "AES")));
        PrivateKeyEntry created = (PrivateKeyEntry) first.getEntry("device");

        Pkcs12KeystoreService second = open(file);

        assertEquals(Set.of("device", "broker-ca", "aes"), new TreeSet<>(second.getAliases()));
        PrivateKeyEntry reread = assertInstanceOf(PrivateKeyEntry.class, second.getEntry("device"));
        assertArrayEquals(created.getPrivateKey().getEncoded(), reread.getPrivateKey().getEncoded());
        assertEquals(created.getCertificate(), reread.getCertificate());
        assertEquals(ca.certificate,
                assertInstanceOf(TrustedCertificateEntry.class, second.getEntry("broker-ca")).getTrustedCertificate());
        assertArrayEquals(new byte[16],
                assertInstanceOf(SecretKeyEntry.class, second.getEntry("aes")).getSecretKey().getEncoded());

        second.deleteEntry("broker-ca");

        assertEquals(Set.of("device", "aes"), new TreeSet<>(open(file).getAliases()));
        assertNull(open(file).getEntry("broker-ca"));
    }

    @Test
    void writesLeaveOnlyTheKeystoreFileBehind() throws Exception {
        Path file = dir.resolve("ssl.p12");
        Pkcs12KeystoreService keystore = open(file);

        keystore.setEntry("ca-1", new TrustedCertificateEntry(ca.certificate));
        keystore.setEntry("ca-2", new TrustedCertificateEntry(ca.certificate));
        keystore.createKeyPair("device", "EC", 256, "SHA256withECDSA", "CN=device-1");
        keystore.deleteEntry("ca-1");

        assertEquals(Set.of("ssl.p12"), filesIn(dir));
    }

    @Test
    void aFailedWriteKeepsNeitherTheChangeNorATemporaryFile() throws Exception {
        Path file = dir.resolve("ssl.p12");
        Pkcs12KeystoreService keystore = open(file);
        keystore.setEntry("kept", new TrustedCertificateEntry(ca.certificate));
        // A folder where the file was: the rename over it fails, as a full or read-only disk would.
        Files.delete(file);
        Files.createDirectories(file.resolve("blocker"));

        KuraException failure = assertThrows(KuraException.class,
                () -> keystore.setEntry("lost", new TrustedCertificateEntry(ca.certificate)));

        assertEquals(KuraErrorCode.IO_ERROR, failure.getCode());
        assertTrue(failure.getMessage().contains("'lost'"), failure.getMessage());
        assertEquals(List.of("kept"), keystore.getAliases());
        assertEquals(Set.of("ssl.p12"), filesIn(dir));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingEitherPassword() throws Exception {
        Path file = dir.resolve("ssl.p12");
        open(file).setEntry("ca", new TrustedCertificateEntry(ca.certificate));
        String wrong = "Wrong-Guess-4711";

        KuraException failure = assertThrows(KuraException.class,
                () -> new Pkcs12KeystoreService(file, wrong.toCharArray()));

        assertEquals(KuraErrorCode.SECURITY_EXCEPTION, failure.getCode());
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(wrong));
        assertFalse(trace.toString().contains(PASSWORD));
    }

    @Test
    void getKeyStoreIsACopyThatChangesNothing() throws Exception {
        Pkcs12KeystoreService keystore = open(dir.resolve("ssl.p12"));
        keystore.setEntry("ca", new TrustedCertificateEntry(ca.certificate));

        KeyStore copy = keystore.getKeyStore();
        copy.deleteEntry("ca");

        assertEquals(List.of("ca"), keystore.getAliases());
        assertEquals(List.of("ca"), open(dir.resolve("ssl.p12")).getAliases());
    }

    @Test
    void concurrentChangesAreAllKept() throws Exception {
        Path file = dir.resolve("ssl.p12");
        Pkcs12KeystoreService keystore = open(file);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int writer = 0; writer < 4; writer++) {
                int w = writer;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        keystore.setEntry("ca-" + w + "-" + i, new TrustedCertificateEntry(ca.certificate));
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        assertEquals(20, open(file).getAliases().size());
        assertEquals(Set.of("ssl.p12"), filesIn(dir));
    }

    @Test
    void underDsTheFileAndPasswordComeFromFrameworkProperties() throws Exception {
        Path file = dir.resolve("from-properties.p12");
        BundleContext context = bundleContext(Map.of(Pkcs12KeystoreService.PATH_PROPERTY, file.toString(),
                Pkcs12KeystoreService.PASSWORD_PROPERTY, PASSWORD));

        new Pkcs12KeystoreService(context).setEntry("ca", new TrustedCertificateEntry(ca.certificate));

        assertEquals(List.of("ca"), open(file).getAliases());
    }

    @Test
    void underDsWithoutPropertiesTheFileIsInTheBundleDataArea() throws Exception {
        Pkcs12KeystoreService keystore = new Pkcs12KeystoreService(bundleContext(Map.of()));

        assertEquals(dir.resolve(Pkcs12KeystoreService.DEFAULT_FILE_NAME).toAbsolutePath(), keystore.getPath());
        assertTrue(Files.isRegularFile(keystore.getPath()));
    }

    private BundleContext bundleContext(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                    case "getProperty":
                        return properties.get((String) args[0]);
                    case "getDataFile":
                        return dir.resolve((String) args[0]).toFile();
                    default:
                        throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
