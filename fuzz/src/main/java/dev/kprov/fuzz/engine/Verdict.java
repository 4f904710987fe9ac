package dev.kprov.fuzz.engine;

/**
 * What a reader did with one input: returned normally (accepted), or threw its own typed rejection. The
 * label groups outcomes for the report: the reader stage and, for a rejection, the exception's kind and
 * message with its numbers and quoted parts taken out.
 */
public record Verdict(boolean accepted, String label) {

    public static Verdict accepted(String stage) {
        return new Verdict(true, stage);
    }

    public static Verdict rejected(String stage, String kind, String message) {
        return new Verdict(false, stage + ": " + (kind.isEmpty() ? "" : kind + " ") + Labels.shape(message));
    }
}
