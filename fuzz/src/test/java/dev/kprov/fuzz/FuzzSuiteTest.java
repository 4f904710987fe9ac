package dev.kprov.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kprov.fuzz.engine.Runs;
import dev.kprov.fuzz.engine.Stats;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.seed.Conformance;

/**
 * The short seeded run of each target (docs/RELIABILITY.md): a few thousand generated and mutated inputs
 * and every bound probe once, in the 256 MiB heap the pom gives the test JVM. Every input must end in a
 * normal return or the reader's typed rejection, and the run must have reached past the first checks:
 * inputs accepted by the deepest reader, and rejections from its late stages.
 */
class FuzzSuiteTest {

    private static final int INPUTS = 3_000;
    private static final long SEED = 20_261_126L;
    private static final Path FINDINGS = Paths.get(System.getProperty("kprov.fuzz.findings", "target/findings"));

    private static Targets targets;

    @BeforeAll
    static void seeds() {
        targets = new Targets(Conformance.locate(Optional.empty()));
    }

    @Test
    void payloadReadersOnlyEverRejectWithTheirTypedExceptions() throws Exception {
        Stats stats = fuzz("payload");
        assertReached(stats, "accepted package", "accepted reply 200", "accepted request", "rejected package");
    }

    @Test
    void cmsReaderOnlyEverRejectsWithTrustException() throws Exception {
        Stats stats = fuzz("cms");
        assertReached(stats, "accepted verified", "rejected verify: SIGNATURE_INVALID",
                "rejected verify: UNTRUSTED_CHAIN", "rejected verify: CLOCK");
    }

    @Test
    void configurationParserOnlyEverRejectsWithConfigurationException() throws Exception {
        Stats stats = fuzz("xml");
        assertReached(stats, "accepted parsed", "rejected parse: property", "rejected parse: more than");
    }

    @Test
    void aSeedGivesTheSameRunTwice() throws Exception {
        Map<String, Long> first = run("xml", 400, 0).outcomes();
        Map<String, Long> second = run("xml", 400, 0).outcomes();
        assertEquals(first, second, "the same seed must give the same inputs and so the same outcomes");
    }

    private static Stats fuzz(String name) throws Exception {
        Target target = targets.make(name);
        // every bound probe (and large seed) once among the inputs
        int probeEvery = INPUTS / (target.probeCount() + 3);
        Stats stats = run(name, INPUTS, probeEvery);
        assertEquals(INPUTS, stats.inputs());
        assertEquals(0, stats.findings(), name + ": inputs ended with something else than the typed rejection; "
                + "their inputs and stacks are in " + FINDINGS);
        assertTrue(stats.accepted() > 0, name + ": no input was accepted");
        assertTrue(stats.rejected() > 0, name + ": no input was rejected");
        return stats;
    }

    private static Stats run(String name, int inputs, int probeEvery) throws Exception {
        return Runs.mutate(targets.make(name), inputs, SEED, probeEvery, FINDINGS, 30, null, System.err);
    }

    /** Each prefix starts at least one outcome class: the run got as far as those stages. */
    private static void assertReached(Stats stats, String... prefixes) {
        for (String prefix : prefixes) {
            assertTrue(stats.outcomes().keySet().stream().anyMatch(label -> label.startsWith(prefix)),
                    stats.target() + ": no outcome '" + prefix + "...' among " + stats.outcomes().keySet());
        }
    }
}
