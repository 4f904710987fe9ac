package dev.kprov.bench.micro;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.agent.trust.TrustException;
import dev.kprov.agent.trust.VerifiedContent;
import dev.kprov.platform.pki.KeyAlgorithm;

/**
 * CMS verification of a provisioning package (PROTOCOL.md section 8, steps 2 and 3) through the agent's
 * {@link PackageVerifier}, called as the agent's ProtocolExchange calls it with ca-authentication on (the
 * default): shape, algorithms, signature, the package's chain (signer, intermediate, root) and PKIX to the
 * root, which the gateway trusts. The verifier is prepared in set-up, as the agent prepares it while it
 * waits for its first attempt, so that making the BouncyCastle provider is not measured.
 */
public class PackageVerifierBench {

    /** A package signed with one key algorithm, the verifier and the gateway's trust anchors. */
    public abstract static class Signed {
        PackageVerifier verifier;
        byte[] signedPackage;
        List<X509Certificate> anchors;

        void setUp(KeyAlgorithm algorithm) throws Exception {
            Samples.SignedPackage signed = Samples.signedPackage(algorithm);
            signedPackage = signed.der();
            anchors = List.of(signed.root());
            verifier = new PackageVerifier(Clock.systemUTC());
            verifier.prepare();
        }

        VerifiedContent verify() throws TrustException {
            return verifier.verify(signedPackage, anchors, true);
        }
    }

    /** RSA-2048 keys throughout the chain, SHA256withRSA (PKCS#1 v1.5). */
    @State(Scope.Benchmark)
    public static class Rsa2048 extends Signed {
        @Setup(Level.Trial)
        public void setUpRsa() throws Exception {
            setUp(KeyAlgorithm.RSA_2048);
        }
    }

    /** P-256 keys throughout the chain, SHA256withECDSA. */
    @State(Scope.Benchmark)
    public static class EcdsaP256 extends Signed {
        @Setup(Level.Trial)
        public void setUpEcdsa() throws Exception {
            setUp(KeyAlgorithm.EC_P256);
        }
    }

    @Benchmark
    public VerifiedContent verifyRsa2048(Rsa2048 rsa) throws TrustException {
        return rsa.verify();
    }

    @Benchmark
    public VerifiedContent verifyEcdsaP256(EcdsaP256 ecdsa) throws TrustException {
        return ecdsa.verify();
    }
}
