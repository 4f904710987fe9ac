package dev.kprov.fuzz.coverage;

/** Jazzer's entry points for the {@code payload} target (see {@link CoverageLauncher}). */
public final class PayloadFuzzTarget {

    private static CoverageSession session;

    private PayloadFuzzTarget() {
    }

    public static void fuzzerInitialize() {
        session = CoverageSession.start("payload");
    }

    public static void fuzzerTestOneInput(byte[] input) {
        session.exercise(input);
    }

    public static void fuzzerTearDown() {
        session.finish();
    }
}
