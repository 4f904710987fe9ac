package dev.kprov.platform.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A broker identity as the PEM files a broker outside the JVM reads (Mosquitto's {@code keyfile} and
 * {@code certfile}): the unencrypted PKCS#8 key, readable by the owner only, and the chain, server
 * certificate first.
 */
public final class BrokerFiles {

    private BrokerFiles() {
    }

    /** Writes {@code keyFile} (owner-only) and {@code chainFile}; both are replaced when they exist. */
    public static void write(BrokerIdentity identity, Path keyFile, Path chainFile) throws IOException {
        Files.deleteIfExists(keyFile);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyFile);
        }
        Files.write(keyFile, Pem.privateKey(identity.privateKey()).getBytes(StandardCharsets.US_ASCII));
        Files.write(chainFile, Pem.certificates(identity.chain()).getBytes(StandardCharsets.US_ASCII));
    }
}
