package dev.kprov.fuzz.engine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Catches what a reader prints to System.out or System.err while it runs one input, and puts the real
 * streams back afterwards. The harness's own output goes through streams it took before, so it is never
 * caught here.
 */
final class ConsoleTrap {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream trap = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    private PrintStream out;
    private PrintStream err;

    void arm() {
        out = System.out;
        err = System.err;
        buffer.reset();
        System.setOut(trap);
        System.setErr(trap);
    }

    /** Restores the streams; returns what was printed, or null when nothing was. */
    String disarm() {
        System.setOut(out);
        System.setErr(err);
        trap.flush();
        if (buffer.size() == 0) {
            return null;
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return printed;
    }
}
