package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.agent.trust.TrustException;
import dev.kprov.agent.trust.TrustException.Kind;
import dev.kprov.agent.trust.VerifiedContent;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.engine.Verdict;
import dev.kprov.fuzz.seed.Fixture;

/**
 * The CMS package reader (PROTOCOL.md sections 6.1, 7 and 8 steps 2 and 3):
 * {@link PackageVerifier#verify} with ca-authentication on, against the fuzz gateway's trust anchors, at a
 * fixed gateway time; when that refuses the chain or its dates, again with ca-authentication off, as a
 * gateway configured so would. Rejection: {@link TrustException}, by {@link Kind}.
 */
public final class CmsTarget implements Target {

    private final List<Sample> seeds;
    private final List<X509Certificate> anchors;
    private final CmsGenerator generator;
    private final CmsProbes probes;
    private final PackageVerifier verifier = new PackageVerifier(Fixture.gatewayClock());

    public CmsTarget(List<Sample> seeds, List<X509Certificate> anchors, CmsGenerator generator, CmsProbes probes) {
        this.seeds = List.copyOf(seeds);
        this.anchors = List.copyOf(anchors);
        this.generator = generator;
        this.probes = probes;
    }

    @Override
    public String name() {
        return "cms";
    }

    @Override
    public List<Sample> seeds() {
        return seeds;
    }

    @Override
    public List<byte[]> tokens() {
        List<byte[]> tokens = new ArrayList<>();
        tokens.add(new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02}); // signedData
        tokens.add(new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01}); // data
        tokens.add(new byte[] {0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}); // sha256
        tokens.add(new byte[] {0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a}); // sha1
        tokens.add(new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0a}); // PSS
        tokens.add(new byte[] {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02}); // ecdsa-sha256
        tokens.add(new byte[] {0x06, 0x03, 0x55, 0x1d, 0x0f}); // key usage
        tokens.add(new byte[] {0x06, 0x03, 0x55, 0x1d, 0x13}); // basic constraints
        tokens.add(new byte[] {0x30, (byte) 0x80});
        tokens.add(new byte[] {0x00, 0x00});
        tokens.add(new byte[] {(byte) 0xa0, (byte) 0x80});
        tokens.add(new byte[] {0x05, 0x00});
        tokens.add(new byte[] {0x01, 0x01, (byte) 0xff});
        tokens.add(new byte[] {0x17, 0x0d});
        tokens.add("491231235959Z".getBytes(StandardCharsets.US_ASCII));
        tokens.add(new byte[] {0x18, 0x0f});
        tokens.add(new byte[] {0x02, 0x01, 0x00});
        tokens.add(new byte[] {0x02, 0x01, 0x03});
        tokens.add(new byte[] {0x31, 0x00});
        return tokens;
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return generator.generate(random);
    }

    @Override
    public int probeCount() {
        return probes.count();
    }

    @Override
    public Sample probe(int index) {
        return probes.probe(index);
    }

    @Override
    public int maxInputBytes() {
        return 16 * 1024 * 1024 + 16;
    }

    @Override
    public Verdict run(byte[] input) {
        TrustException refused;
        try {
            return accepted(verifier.verify(input, anchors, true), "verified");
        } catch (TrustException e) {
            refused = e;
        }
        if (refused.kind() != Kind.UNTRUSTED_CHAIN && refused.kind() != Kind.CLOCK) {
            return Verdict.rejected("verify", refused.kind().name(), refused.getMessage());
        }
        try {
            return accepted(verifier.verify(input, anchors, false), "verified only without ca-authentication");
        } catch (TrustException e) {
            return Verdict.rejected("verify", e.kind().name(), e.getMessage());
        }
    }

    private static Verdict accepted(VerifiedContent content, String stage) {
        if (content.contentLength() < 0 || content.certificates().isEmpty() || content.toString().isEmpty()) {
            throw new IllegalStateException("a verified package without content or signer");
        }
        return Verdict.accepted(stage);
    }
}
