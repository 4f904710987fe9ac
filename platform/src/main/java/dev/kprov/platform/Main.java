package dev.kprov.platform;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * The platform's command line ({@link CommandLine#USAGE}). Standard output carries only the lines a
 * script reads ({@code broker ...}, {@code ready}, {@code job ...}, {@code rejected ...},
 * {@code removed ...}); logs go to standard error. Exit status: 0 after SIGTERM, 1 when the platform
 * cannot start, 2 for wrong arguments.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        PrintStream out = System.out;
        Optional<PlatformOptions.Builder> builder;
        try {
            builder = CommandLine.parse(Arrays.asList(args));
        } catch (CommandLine.UsageException e) {
            System.err.println("kprov-platform: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (builder.isEmpty()) {
            out.println(CommandLine.USAGE);
            return;
        }
        Lines lines = new Lines(out);
        RunningPlatform platform;
        try {
            platform = Platform.start(builder.get().listener(lines).build());
        } catch (PlatformException e) {
            System.err.println("kprov-platform: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            out.println("stopped");
            out.flush();
            stopped.countDown();
        }, "kprov-platform-shutdown"));
        out.println("broker " + platform.brokerUrl());
        platform.plainBrokerUrl().ifPresent(url -> out.println("broker " + url));
        lines.ready();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * slf4j-simple defaults for the command line, unless given with -D: Moquette logs every MQTT packet
     * at info, which drowns the platform's own lines.
     */
    private static void quietLogging() {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.moquette", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    }

    /** Prints one line per event; holds back the lines of the start until {@code ready} is out. */
    private static final class Lines implements PlatformListener {

        private final PrintStream out;
        private final List<String> held = new ArrayList<>();
        private boolean ready;

        Lines(PrintStream out) {
            this.out = out;
        }

        synchronized void ready() {
            out.println("ready");
            held.forEach(out::println);
            held.clear();
            ready = true;
            out.flush();
        }

        @Override
        public void jobChanged(JobEvent event) {
            print(event.toLine());
        }

        @Override
        public void requestRemoved(String clientId) {
            print("removed " + clientId);
        }

        @Override
        public void requestFileRejected(Path file, String problem) {
            print("rejected " + file + ": " + problem);
        }

        @Override
        public void requestAdded(ProvisionRequestSpec request) {
            // The job's CREATED line says it.
        }

        private synchronized void print(String line) {
            if (ready) {
                out.println(line);
                out.flush();
            } else {
                held.add(line);
            }
        }
    }
}
