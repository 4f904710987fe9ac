package dev.kprov.agent.itest;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import org.eclipse.kura.security.keystore.KeystoreService;

/** Puts certificates into the gateway's truststore (the keystore behind its SSL manager), as an installer would. */
final class GatewayTrust {

    private GatewayTrust() {
    }

    static void trust(KeystoreService keystore, String alias, Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                keystore.setEntry(alias + "-" + i++, new KeyStore.TrustedCertificateEntry(certificate));
            }
        }
    }

    /** The certificates a successful run stored (PROTOCOL.md section 8, step 6): a provisioned gateway trusts them. */
    static void forgetDelivered(KeystoreService keystore) throws Exception {
        for (String name : keystore.getAliases()) {
            if (name.startsWith("kprov-")) {
                keystore.deleteEntry(name);
            }
        }
    }

    static void forget(KeystoreService keystore, String alias) throws Exception {
        for (String name : keystore.getAliases()) {
            if (name.startsWith(alias.toLowerCase() + "-")) {
                keystore.deleteEntry(name);
            }
        }
    }
}
