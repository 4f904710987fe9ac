package dev.kprov.sandbox.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Sends every log line of this process to the data folder's log file, so that the terminal shows only
 * the steps. Both slf4j-simple copies (the launcher's and the one inside each framework) write to
 * {@code System.err} as it is at each line, and are set up here before any logger exists.
 */
final class Logs implements AutoCloseable {

    private final PrintStream previous;
    private final PrintStream file;

    private Logs(PrintStream previous, PrintStream file) {
        this.previous = previous;
        this.file = file;
    }

    static Logs redirect(Path log) throws IOException {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "false");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        // Moquette logs every MQTT packet at info.
        setIfAbsent("org.slf4j.simpleLogger.log.io.moquette", "warn");
        PrintStream file = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8);
        PrintStream previous = System.err;
        System.setErr(file);
        return new Logs(previous, file);
    }

    private static void setIfAbsent(String key, String value) {
        System.getProperties().putIfAbsent(key, value);
    }

    /** Puts {@code System.err} back and closes the file. */
    @Override
    public void close() {
        System.setErr(previous);
        file.close();
    }
}
