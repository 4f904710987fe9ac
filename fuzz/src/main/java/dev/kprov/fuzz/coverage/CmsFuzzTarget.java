package dev.kprov.fuzz.coverage;

/** Jazzer's entry points for the {@code cms} target (see {@link CoverageLauncher}). */
public final class CmsFuzzTarget {

    private static CoverageSession session;

    private CmsFuzzTarget() {
    }

    public static void fuzzerInitialize() {
        session = CoverageSession.start("cms");
    }

    public static void fuzzerTestOneInput(byte[] input) {
        session.exercise(input);
    }

    public static void fuzzerTearDown() {
        session.finish();
    }
}
