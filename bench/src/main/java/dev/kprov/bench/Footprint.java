package dev.kprov.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.kprov.sandbox.platform.SandboxPlatform;
import dev.kprov.sandbox.show.Narrator;

/**
 * What the agent costs a gateway: the .dp's size; the agent's threads (those named {@code kprov-agent} and
 * {@code kprov-mqtt}, and Paho's while it renames them) and the heap it retains when disabled, while waiting
 * and once PROVISIONED; the time from starting its bundle to its first status when disabled. The heap is
 * the difference in used heap after full collections between the agent started and the same framework
 * right after the agent bundle is stopped, so the emulator's own state (its account connection) cancels.
 */
final class Footprint {

    private static final int ACTIVATIONS = 20;
    private static final long IDLE_MILLIS = 2_500;

    private Footprint() {
    }

    static void run(Path out, Path dpDir) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        Path dp = dp(dpDir);
        long size = Files.size(dp);
        System.out.printf("%-44s %10.1f KB (%s; limit 400 KB)%n", ".dp size", size / 1024.0, dp.getFileName());
        rows.add(List.of("dp_size_kb", String.format("%.1f", size / 1024.0)));
        Path work = Files.createTempDirectory("kprov-bench-footprint");
        Narrator quiet = new Narrator(new PrintStream(OutputStream.nullOutputStream()), System.nanoTime());
        try (SandboxPlatform platform = SandboxPlatform.start(work.resolve("platform"), work.resolve("configurations"),
                quiet); AgentGateway gateway = AgentGateway.start(work.resolve("gateways"), platform, quiet)) {
            List<Double> activations = new ArrayList<>();
            for (int i = 0; i < ACTIVATIONS; i++) {
                gateway.stopAgent();
                activations.add(gateway.startAgent("DISABLED"));
            }
            Stats activation = new Stats(activations);
            System.out.printf("%-44s %10.1f ms p50, %.1f ms max (%d starts)%n",
                    "bundle start to DISABLED", activation.percentile(50), activation.max(), ACTIVATIONS);
            rows.add(List.of("activation_disabled_p50_ms", String.format("%.1f", activation.percentile(50))));
            rows.add(List.of("activation_disabled_max_ms", String.format("%.1f", activation.max())));

            measure("disabled", gateway, "DISABLED", rows);
            gateway.enableTowardsNowhere("mqtts://127.0.0.1:" + closedPort());
            measure("waiting", gateway, "WAITING", rows);
            gateway.provisionOnce();
            measure("provisioned", gateway, "PROVISIONED", rows);
        } finally {
            Folders.delete(work);
        }
        Csv.write(out, "footprint.csv", List.of("figure", "value"), rows);
    }

    /** Threads and retained heap in one state: measured idle, then again with the agent stopped. */
    private static void measure(String name, AgentGateway gateway, String state, List<List<Object>> rows)
            throws Exception {
        idle();
        long threads = agentThreads();
        long with = usedHeapAfterGc();
        gateway.stopAgent();
        long without = usedHeapAfterGc();
        gateway.startAgent(state);
        long retained = with - without;
        System.out.printf("%-44s %10d threads, %8.1f KB retained heap%n", "agent " + name, threads, retained / 1024.0);
        rows.add(List.of(name + "_threads", threads));
        rows.add(List.of(name + "_retained_heap_kb", String.format("%.1f", retained / 1024.0)));
    }

    /** Lets the agent's owner thread end if it has nothing to do (it lives 1 s idle). */
    private static void idle() throws InterruptedException {
        Thread.sleep(IDLE_MILLIS); // a benchmark pause, not a test: what is measured is the state after it
    }

    static long agentThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("kprov-agent") || n.startsWith("kprov-mqtt")).count();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Path dp(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.dp")) {
            for (Path file : files) {
                return file;
            }
        }
        throw new IOException("no .dp in " + dir + ": build it first (mvn -B package -pl distrib -am)");
    }
}
