package dev.kprov.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where a run's CPU went, by side: the platform's owner thread, the platform's MQTT clients (its responder's
 * Paho threads, and its dynamic-security session's), its embedded broker (Netty's event loops and
 * Moquette's session executors), the JIT compilers, the garbage collector, and the rest of the process:
 * the simulated gateways (the agents' owner threads, their Paho threads, all short-lived) and the
 * harness. Read from Linux's per-thread counters ({@code /proc/self/task/}) at the start and the end of a
 * run; the long-lived threads are counted there, and whatever a thread that ended during the run spent
 * falls into the rest, through the process total. A broker in another process (Mosquitto) is read from
 * {@code /proc/PID/stat} at the same two moments and counted as the broker. Elsewhere than on Linux, nothing
 * is measured.
 */
final class CpuShares {

    enum Side {
        /** The platform's owner thread: requests, jobs, the responder's handling, signing the packages. */
        PLATFORM,
        /**
         * The embedded broker: Netty's event loops (TLS included) and Moquette's session executors; or the
         * whole Mosquitto process.
         */
        BROKER, JIT, GC, REST,
        /**
         * The platform's own MQTT clients: the Paho threads of its responder and, on Mosquitto, of its
         * dynamic-security session (their client ids begin with {@code kprov-}; the gateways' do not). Last, so
         * that the CSV's earlier columns keep their place.
         */
        PLATFORM_MQTT
    }

    /** CPU seconds by side between two snapshots; empty when not on Linux. */
    record Shares(Map<Side, Double> seconds) {

        double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        String line() {
            if (seconds.isEmpty()) {
                return "CPU shares: not measured (no /proc)";
            }
            double total = total();
            StringBuilder text = new StringBuilder(String.format("CPU %.1f s:", total));
            seconds.forEach((side, value) -> text.append(String.format(" %s %.1f s (%.0f %%)",
                    side.name().toLowerCase(), value, total == 0 ? 0 : 100 * value / total)));
            return text.toString();
        }
    }

    private static final Path TASKS = Paths.get("/proc/self/task");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux for every architecture in use
    private final Map<String, Long> threads;
    private final long process;
    /** The broker's process: -1 when there is none apart from this one, -2 when it could not be read. */
    private final long broker;

    private CpuShares(Map<String, Long> threads, long process, long broker) {
        this.threads = threads;
        this.process = process;
        this.broker = broker;
    }

    static CpuShares now() {
        return now(OptionalLong.empty());
    }

    /** With {@code brokerPid}, a broker in another process, whose CPU time is the broker's side. */
    static CpuShares now(OptionalLong brokerPid) {
        long broker = -1;
        if (brokerPid.isPresent()) {
            String stat = read(Paths.get("/proc", Long.toString(brokerPid.getAsLong()), "stat"));
            broker = stat == null ? -2 : ticks(stat);
        }
        Map<String, Long> threads = new HashMap<>();
        long process = -1;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat = read(task.resolve("stat"));
                if (stat != null) {
                    threads.put(task.getFileName() + " " + stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                            ticks(stat));
                }
            }
            String self = read(Paths.get("/proc/self/stat"));
            process = self == null ? -1 : ticks(self);
        } catch (IOException | RuntimeException e) {
            threads.clear();
        }
        return new CpuShares(threads, process, broker);
    }

    /** What was spent from {@code start} to this snapshot. */
    Shares since(CpuShares start) {
        Map<Side, Double> seconds = new EnumMap<>(Side.class);
        if (threads.isEmpty() || start.threads.isEmpty() || process < 0 || start.process < 0) {
            return new Shares(seconds);
        }
        double named = 0;
        for (Map.Entry<String, Long> thread : threads.entrySet()) {
            Side side = side(thread.getKey().substring(thread.getKey().indexOf(' ') + 1));
            if (side != Side.REST) {
                double spent = (thread.getValue() - start.threads.getOrDefault(thread.getKey(), 0L)) / TICKS_PER_SECOND;
                seconds.merge(side, spent, Double::sum);
                named += spent;
            }
        }
        seconds.put(Side.REST, Math.max(0, (process - start.process) / TICKS_PER_SECOND - named));
        if (broker != -1 || start.broker != -1) {
            seconds.merge(Side.BROKER, broker < 0 || start.broker < 0 ? Double.NaN
                    : (broker - start.broker) / TICKS_PER_SECOND, Double::sum);
        }
        return new Shares(seconds);
    }

    /** By the thread's name as Linux keeps it (its first 15 characters). */
    private static Side side(String name) {
        if (name.startsWith("kprov-platform")) {
            return Side.PLATFORM;
        }
        if (name.startsWith("MQTT ") && name.substring(name.indexOf(':') + 1).trim().startsWith("kpro")) {
            return Side.PLATFORM_MQTT; // "MQTT Rec: kprov-responder-..." cut to 15 characters
        }
        if (name.startsWith("nioEventLoopGr") || name.startsWith("Session Execut")) {
            return Side.BROKER;
        }
        if (name.startsWith("C1 CompilerThr") || name.startsWith("C2 CompilerThr")) {
            return Side.JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return Side.GC;
        }
        return Side.REST;
    }

    /** utime + stime of a {@code stat} line, the 14th and 15th fields. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null; // the thread ended meanwhile
        }
    }
}
