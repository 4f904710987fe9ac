package dev.kprov.fuzz.coverage;

/** Jazzer's entry points for the {@code xml} target (see {@link CoverageLauncher}). */
public final class XmlFuzzTarget {

    private static CoverageSession session;

    private XmlFuzzTarget() {
    }

    public static void fuzzerInitialize() {
        session = CoverageSession.start("xml");
    }

    public static void fuzzerTestOneInput(byte[] input) {
        session.exercise(input);
    }

    public static void fuzzerTearDown() {
        session.finish();
    }
}
