package dev.kprov.fuzz;

import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.agent.trust.PemCertificates;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.seed.CmsSeeds;
import dev.kprov.fuzz.seed.Conformance;
import dev.kprov.fuzz.seed.PayloadSeeds;
import dev.kprov.fuzz.seed.SeedPki;
import dev.kprov.fuzz.seed.XmlSeeds;
import dev.kprov.fuzz.readers.CmsGenerator;
import dev.kprov.fuzz.readers.CmsProbes;
import dev.kprov.fuzz.readers.CmsTarget;
import dev.kprov.fuzz.readers.PayloadTarget;
import dev.kprov.fuzz.readers.XmlTarget;

/** Builds the three targets with their seeds: {@code payload}, {@code cms}, {@code xml}. */
public final class Targets {

    public static final List<String> NAMES = List.of("payload", "cms", "xml");

    private final Optional<Conformance> conformance;
    private SeedPki pki;
    private CmsSeeds cmsSeeds;

    public Targets(Optional<Conformance> conformance) {
        this.conformance = conformance;
    }

    public Optional<Conformance> conformance() {
        return conformance;
    }

    public Target make(String name) throws Exception {
        switch (name) {
            case "payload": {
                List<Sample> seeds = new ArrayList<>(PayloadSeeds.all(cms().seeds().get(0).bytes(),
                        List.of(pki().root.certificate(), pki().intermediate.certificate())));
                conformance.ifPresent(c -> seeds.addAll(c.replies()));
                List<byte[]> bodies = cms().seeds().stream().limit(6).map(Sample::bytes).toList();
                return new PayloadTarget(seeds, bodies);
            }
            case "cms": {
                List<X509Certificate> anchors = new ArrayList<>(cms().platformRoots());
                anchors.add(pki().root.certificate());
                if (conformance.isPresent()) {
                    String pem = Files.readString(conformance.get().trustedRoots());
                    anchors.addAll(PemCertificates.parse(pem, "trusted-roots.pem"));
                }
                return new CmsTarget(cms().seeds(), anchors, new CmsGenerator(pki(), contents()), new CmsProbes(pki()));
            }
            case "xml":
                return new XmlTarget(XmlSeeds.all(conformance));
            default:
                throw new IllegalArgumentException("unknown target '" + name + "': expected one of " + NAMES);
        }
    }

    private SeedPki pki() throws Exception {
        if (pki == null) {
            pki = new SeedPki(20_261_126L);
        }
        return pki;
    }

    private CmsSeeds cms() throws Exception {
        if (cmsSeeds == null) {
            cmsSeeds = new CmsSeeds(pki(), contents().get(1), conformance);
        }
        return cmsSeeds;
    }

    private List<byte[]> contents() throws Exception {
        return List.of(PayloadSeeds.packageContent(false, 0),
                PayloadSeeds.packageContent(true, 1, List.of(pki().root.certificate())),
                PayloadSeeds.request(true));
    }
}
