package dev.kprov.sandbox.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import dev.kprov.sandbox.cli.CrashPoint;
import dev.kprov.sandbox.show.Narrator;

/**
 * {@code --crash-at}: a power cut at a chosen point of the agent's apply run. It watches the agent's
 * journal (PROTOCOL.md section 10) from outside the agent, and once the journal shows the point, or a
 * later one, it kills this whole process with SIGKILL: no shutdown hook, no finally block, no framework
 * stop, whatever the agent was writing left as it was. The killer, a shell waiting on a pipe, is started
 * when the hook is armed, so that the kill follows the journal write by a millisecond or so rather than
 * by the start of a process; the agent keeps running meanwhile, so the kill lands at the point or just
 * after it.
 */
final class CrashHook implements AutoCloseable {

    /** The journal is a few hundred bytes; anything larger is not the agent's. */
    private static final int MAX_JOURNAL_BYTES = 64 * 1024;

    private final Path journal;
    private final CrashPoint point;
    private final Narrator narrator;
    private final WatchService watcher;
    private final Thread thread;
    private final Process killer;

    private CrashHook(Path journal, CrashPoint point, Narrator narrator) throws IOException {
        this.journal = journal;
        this.point = point;
        this.narrator = narrator;
        Files.createDirectories(journal.getParent());
        this.watcher = journal.getFileSystem().newWatchService();
        journal.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::watch, "kprov-sandbox-crash-hook");
        this.thread.setDaemon(true);
        long pid = ProcessHandle.current().pid();
        this.killer = new ProcessBuilder("sh", "-c", "read go && kill -KILL " + pid)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Watches {@code journal} (the agent's, in its bundle data area) from now on. */
    static CrashHook arm(Path journal, CrashPoint point, Narrator narrator) throws IOException {
        CrashHook hook = new CrashHook(journal, point, narrator);
        hook.thread.start();
        return hook;
    }

    private void watch() {
        try {
            while (true) {
                Optional<CrashPoint> reached = progress(journal);
                if (reached.isPresent() && reached.get().compareTo(point) >= 0) {
                    kill(reached.get());
                    return;
                }
                WatchKey key = watcher.take();
                key.pollEvents(); // which file changed does not matter: the journal is read again
                key.reset();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // disarmed
        } catch (IOException e) {
            narrator.say("kprov-sandbox: --crash-at cannot read the agent's journal: " + e.getMessage());
        }
    }

    /** How far the journal says the run got; empty when there is no run in progress. */
    static Optional<CrashPoint> progress(Path journal) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(journal)) {
            byte[] bytes = in.readNBytes(MAX_JOURNAL_BYTES + 1);
            if (bytes.length > MAX_JOURNAL_BYTES) {
                throw new IOException(journal + " is larger than " + MAX_JOURNAL_BYTES + " bytes");
            }
            properties.load(new java.io.ByteArrayInputStream(bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        String step = properties.getProperty("step", "");
        if (step.equals("SNAPSHOT_TAKEN") && !properties.getProperty("certificate.count", "0").equals("0")) {
            return Optional.of(CrashPoint.CERTIFICATE_RECORDED);
        }
        try {
            return Optional.of(CrashPoint.valueOf(step));
        } catch (IllegalArgumentException e) {
            throw new IOException(journal + ": unknown step '" + step + "'", e);
        }
    }

    private void kill(CrashPoint reached) throws InterruptedException {
        narrator.say("crash hook: the journal shows " + reached.option() + ": SIGKILL to process "
                + ProcessHandle.current().pid());
        try {
            killer.getOutputStream().write('\n');
            killer.getOutputStream().flush();
            killer.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            narrator.say("crash hook: the killer is gone (" + e.getMessage() + "): halting instead");
        }
        Runtime.getRuntime().halt(ExitStatus.KILLED);
    }

    @Override
    public void close() {
        thread.interrupt();
        killer.destroy();
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing left to watch
        }
    }
}
