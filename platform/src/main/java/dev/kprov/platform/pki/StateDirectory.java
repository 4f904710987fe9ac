package dev.kprov.platform.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.pki.CertificateIssuer.Issued;
import dev.kprov.platform.pki.CertificateIssuer.Profile;

/**
 * Where generated keys live between runs, and where the platform publishes what a gateway needs:
 * {@code broker-ca.pem} (trust for TLS), {@code signer-root.pem} (trust for ca-authentication) and
 * {@code endpoint} (the broker URL). Without a directory, keys are generated in memory for one run.
 *
 * <p>Files: {@code signer-key.pem} + {@code signer-chain.pem}, {@code broker-key.pem} +
 * {@code broker-chain.pem}. Private keys are written readable by the owner only. The root and
 * intermediate CA keys are never kept: once the signer is issued they are not needed.
 */
public final class StateDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);

    public static final String BROKER_CA = "broker-ca.pem";
    public static final String SIGNER_ROOT = "signer-root.pem";
    public static final String ENDPOINT = "endpoint";
    static final String SIGNER_KEY = "signer-key.pem";
    static final String SIGNER_CHAIN = "signer-chain.pem";
    static final String BROKER_KEY = "broker-key.pem";
    static final String BROKER_CHAIN = "broker-chain.pem";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(1825);

    private final Optional<Path> directory;
    private final CertificateIssuer issuer;

    public StateDirectory(Optional<Path> directory, KeyAlgorithm algorithm, SecureRandom random, Clock clock)
            throws KeyMaterialException {
        this.directory = directory;
        this.issuer = new CertificateIssuer(algorithm, random, clock);
        if (directory.isPresent()) {
            try {
                Files.createDirectories(directory.get());
            } catch (IOException e) {
                throw new KeyMaterialException("state directory " + directory.get() + ": cannot create (" + e + ")", e);
            }
        }
    }

    public Optional<Path> path() {
        return directory;
    }

    /** The signer kept in the directory, else a new root, intermediate and signer (kept when there is one). */
    public SignerIdentity signer() throws KeyMaterialException {
        if (directory.isPresent() && exists(SIGNER_KEY, SIGNER_CHAIN)) {
            return KeyMaterial.loadSignerPem(file(SIGNER_KEY), file(SIGNER_CHAIN));
        }
        try {
            Issued root = issuer.root("kprov signing root", CA_VALIDITY);
            Issued intermediate = issuer.issue("kprov signing intermediate", Profile.INTERMEDIATE_CA, root,
                    CA_VALIDITY);
            Issued signer = issuer.issue("kprov package signer", Profile.SIGNER, intermediate, LEAF_VALIDITY);
            SignerIdentity identity = SignerIdentity.of(signer.keyPair().getPrivate(), List.of(signer.certificate(),
                    intermediate.certificate(), root.certificate()), "generated signer");
            keep(SIGNER_KEY, SIGNER_CHAIN, identity.privateKey(), Pem.certificates(identity.chain()));
            LOG.info("generated a signing root, intermediate and signer: {}", identity);
            return identity;
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot generate the signer: " + e.getMessage(), e);
        }
    }

    /** The broker key kept in the directory, else a new CA and server certificate for 127.0.0.1/localhost. */
    public BrokerIdentity broker() throws KeyMaterialException {
        if (directory.isPresent() && exists(BROKER_KEY, BROKER_CHAIN)) {
            return new BrokerIdentity(Pem.readPrivateKey(file(BROKER_KEY)), Pem.readCertificates(file(BROKER_CHAIN)));
        }
        try {
            Issued ca = issuer.root("kprov broker CA", CA_VALIDITY);
            Issued server = issuer.issue("localhost", Profile.TLS_SERVER, ca, LEAF_VALIDITY);
            BrokerIdentity identity = new BrokerIdentity(server.keyPair().getPrivate(),
                    List.of(server.certificate(), ca.certificate()));
            keep(BROKER_KEY, BROKER_CHAIN, identity.privateKey(), Pem.certificates(identity.chain()));
            LOG.info("generated a broker CA and server certificate: {}", identity);
            return identity;
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("cannot generate the broker certificate: " + e.getMessage(), e);
        }
    }

    /** Writes {@code broker-ca.pem} (when there is an embedded broker), {@code signer-root.pem}, {@code endpoint}. */
    public void publish(Optional<String> brokerCaPem, String signerRootPem, String endpoint) throws KeyMaterialException {
        if (directory.isEmpty()) {
            return;
        }
        try {
            if (brokerCaPem.isPresent()) {
                write(file(BROKER_CA), brokerCaPem.get(), false);
            }
            write(file(SIGNER_ROOT), signerRootPem, false);
            write(file(ENDPOINT), endpoint + "\n", false);
        } catch (IOException e) {
            throw new KeyMaterialException("state directory " + directory.get() + ": cannot write (" + e + ")", e);
        }
    }

    private boolean exists(String keyName, String chainName) throws KeyMaterialException {
        boolean key = Files.exists(file(keyName));
        boolean chain = Files.exists(file(chainName));
        if (key != chain) {
            throw new KeyMaterialException("state directory " + directory.get() + ": " + (key ? chainName : keyName)
                    + " is missing beside " + (key ? keyName : chainName) + "; restore it or remove both");
        }
        return key;
    }

    private void keep(String keyName, String chainName, PrivateKey key, String chainPem) throws KeyMaterialException {
        if (directory.isEmpty()) {
            return;
        }
        try {
            write(file(keyName), Pem.privateKey(key), true);
            write(file(chainName), chainPem, false);
        } catch (IOException e) {
            throw new KeyMaterialException("state directory " + directory.get() + ": cannot write (" + e + ")", e);
        }
    }

    private Path file(String name) {
        return directory.orElseThrow().resolve(name);
    }

    /** Temporary file, then rename: a crash never leaves half a key behind. */
    private static void write(Path target, String text, boolean secret) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.write(temporary, text.getBytes(StandardCharsets.US_ASCII));
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
