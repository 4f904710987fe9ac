package dev.kprov.sandbox.show;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's output for a person: one line per step, {@code [  1234 ms] who  what}, the time counted
 * from the start of the sandbox. Lines come from several threads (the platform's, each framework's event
 * delivery, the main thread) and are printed whole, in the order they arrive. Nothing given to it holds
 * a secret: secrets reach it only as {@link dev.kprov.sandbox.secret.Secret}, which prints {@code <set>}.
 */
public final class Narrator {

    private final PrintStream out;
    private final long startNanos;

    public Narrator(PrintStream out, long startNanos) {
        this.out = out;
        this.startNanos = startNanos;
    }

    /** Milliseconds since the sandbox started. */
    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** A step: {@code who} is the party that acted (platform, gateway ..., agent ...). */
    public synchronized void step(String who, String what) {
        out.printf("[%6d ms] %-21s %s%n", elapsedMillis(), who, what);
        out.flush();
    }

    /** A line without a time: headers, summaries, explanations. */
    public synchronized void say(String text) {
        out.println(text);
        out.flush();
    }
}
