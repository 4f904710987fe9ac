package dev.kprov.emulator.data;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The threads the data components start: their own executors' and Paho's (which renames the threads it runs on). */
final class Threads {

    private static final long WAIT_SECONDS = 20;

    private Threads() {
    }

    static boolean ours(Thread thread) {
        String name = thread.getName();
        return name.startsWith("kprov-emulator-data") || name.startsWith("kprov-emulator-mqtt")
                || name.startsWith("kprov-emulator-paho") || name.startsWith("MQTT ");
    }

    static List<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(Threads::ours)
                .collect(Collectors.toList());
    }

    /**
     * Waits for every thread of the data components to end; those still alive, each with where it is, if
     * any.
     */
    static List<String> awaitAllEnded() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        for (List<Thread> alive = alive(); !alive.isEmpty(); alive = alive()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return alive.stream().map(Threads::describe).collect(Collectors.toList());
            }
            alive.get(0).join(left);
        }
        return List.of();
    }

    private static String describe(Thread thread) {
        StringBuilder text = new StringBuilder(thread.getName());
        StackTraceElement[] stack = thread.getStackTrace();
        for (int i = 0; i < Math.min(stack.length, 12); i++) {
            text.append("\n    at ").append(stack[i]);
        }
        return text.toString();
    }
}
