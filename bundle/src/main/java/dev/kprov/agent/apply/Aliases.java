package dev.kprov.agent.apply;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;

/** Truststore aliases of the certificates a package delivers: stable, so a second run finds the first's. */
final class Aliases {

    static final String PREFIX = "kprov-";

    private Aliases() {
    }

    static String of(Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            StringBuilder alias = new StringBuilder(PREFIX);
            for (int i = 0; i < 10; i++) {
                alias.append(String.format("%02x", digest[i]));
            }
            return alias.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
