package dev.kprov.platform.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** PEM text for certificates and unencrypted PKCS#8 private keys. */
public final class Pem {

    /** PEM files this platform reads are small: a chain of a few certificates or one key. */
    static final long MAX_PEM_BYTES = 256 * 1024;

    private Pem() {
    }

    /** The certificates as concatenated PEM blocks, in order. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Every certificate of a PEM text, in order; other blocks (keys) are skipped. */
    public static List<X509Certificate> parseCertificates(String pem, String source) throws KeyMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder) {
                    certificates.add(converter.getCertificate((X509CertificateHolder) object));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new KeyMaterialException(source + ": not a valid PEM certificate list (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(source + ": holds no PEM certificate");
        }
        return certificates;
    }

    /** Reads a PEM certificate file (bounded size). */
    public static List<X509Certificate> readCertificates(Path file) throws KeyMaterialException {
        return parseCertificates(readBounded(file), file.toString());
    }

    /** Reads an unencrypted private key: PKCS#8 ({@code PRIVATE KEY}) or OpenSSL's RSA/EC key pair form. */
    static PrivateKey readPrivateKey(Path file) throws KeyMaterialException {
        try (Reader reader = new StringReader(readBounded(file)); PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo) {
                    return converter.getPrivateKey((PrivateKeyInfo) object);
                }
                if (object instanceof PEMKeyPair) {
                    return converter.getKeyPair((PEMKeyPair) object).getPrivate();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the file; it never holds the key itself.
            throw new KeyMaterialException(file + ": not a readable unencrypted PEM private key", e);
        }
        throw new KeyMaterialException(file + ": holds no unencrypted PEM private key"
                + " (encrypted keys are not supported: use PKCS#12)");
    }

    /** Unencrypted PKCS#8 PEM of a key: only ever written to a file that only the owner may read. */
    static String privateKey(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static String readBounded(Path file) throws KeyMaterialException {
        try {
            long size = Files.size(file);
            if (size > MAX_PEM_BYTES) {
                throw new KeyMaterialException(file + ": " + size + " bytes, more than a PEM file of keys and "
                        + "certificates should hold (" + MAX_PEM_BYTES + ")");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyMaterialException(file + ": cannot read (" + e + ")", e);
        }
    }
}
