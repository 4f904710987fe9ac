package dev.kprov.fuzz.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the findings: an input as {@code <target>-<hash>.bin} with its stack as {@code .txt} beside it, in
 * the findings folder. Findings of one kind (exception class and throwing frame) are counted all, but
 * only the first {@link #SAVED_PER_KIND} inputs of a kind are saved, and then any input shorter than every
 * one saved before, so that the shortest reproducer is always there. The first of each kind is printed in
 * full.
 */
public final class Findings {

    static final int SAVED_PER_KIND = 3;

    private final Path folder;
    private final PrintStream err;
    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** One kind of finding: how often, and the shortest input saved. */
    public static final class Kind {
        long count;
        int shortest = Integer.MAX_VALUE;
        Path shortestFile;

        public long count() {
            return count;
        }

        public Path shortestFile() {
            return shortestFile;
        }
    }

    public Findings(Path folder, PrintStream err) {
        this.folder = folder;
        this.err = err;
    }

    public Path folder() {
        return folder;
    }

    /** What makes two findings the same: the throwable's class and the frame that threw it. */
    public static String signature(Throwable failure) {
        StackTraceElement[] stack = failure.getStackTrace();
        return failure.getClass().getName() + (stack.length == 0 ? " (no stack: run with -XX:-OmitStackTraceInFastThrow)"
                : " at " + stack[0]);
    }

    /** The kinds found so far, in the order they were first met. */
    public Map<String, Kind> kinds() {
        return kinds;
    }

    /** Counts the finding, and saves the input and the stack when it is among the first or the shortest. */
    public void save(String target, byte[] input, Throwable failure, String context) {
        String signature = signature(failure);
        Kind kind = kinds.computeIfAbsent(signature, s -> new Kind());
        kind.count++;
        boolean first = kind.count == 1;
        if (kind.count > SAVED_PER_KIND && input.length >= kind.shortest) {
            return;
        }
        String name = Inputs.name(target, input);
        StringWriter stack = new StringWriter();
        try (PrintWriter writer = new PrintWriter(stack)) {
            writer.println(context);
            failure.printStackTrace(writer);
        }
        Path bin = folder.resolve(name + ".bin");
        try {
            Files.createDirectories(folder);
            Files.write(bin, input);
            Files.writeString(folder.resolve(name + ".txt"), stack.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save finding " + bin, e);
        }
        if (input.length < kind.shortest) {
            kind.shortest = input.length;
            kind.shortestFile = bin;
        }
        if (first) {
            err.println("FINDING in " + target + ": " + context + "; input saved to " + bin);
            err.print(stack);
        } else if (kind.count <= SAVED_PER_KIND) {
            err.println("FINDING in " + target + " (again: " + signature + "); input saved to " + bin);
        }
    }

    /** One line per kind: count, signature, shortest input saved. */
    public void print(PrintStream out) {
        kinds.forEach((signature, kind) -> out.printf("   finding x%,d: %s%n      shortest input: %s (%d bytes)%n",
                kind.count, signature, kind.shortestFile, kind.shortest));
    }
}
