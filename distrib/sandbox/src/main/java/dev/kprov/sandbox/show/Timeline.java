package dev.kprov.sandbox.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * When each of a gateway's steps happened, counted from the moment its agent was enabled: the agent's
 * states and the platform's job statuses. Thread-safe; the summary is computed from what was recorded.
 */
public final class Timeline {

    /** One recorded step: an agent state or a job status, {@code atMillis} after enabling. */
    public record Mark(String source, String name, long atMillis) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private volatile long enabledAtNanos = -1;

    /** The agent's configuration is being written now: time zero. */
    public void enabled(long nanos) {
        enabledAtNanos = nanos;
    }

    public boolean isEnabled() {
        return enabledAtNanos >= 0;
    }

    /** Milliseconds from enabling to {@code nanos}; 0 before enabling. */
    public long sinceEnabled(long nanos) {
        long enabled = enabledAtNanos;
        return enabled < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos - enabled);
    }

    /** Records an agent state or job status seen at {@code nanos}; ignored before enabling. */
    public synchronized void mark(String source, String name, long nanos) {
        if (isEnabled()) {
            marks.add(new Mark(source, name, sinceEnabled(nanos)));
        }
    }

    public synchronized List<Mark> marks() {
        return new ArrayList<>(marks);
    }

    /** The first time {@code source} reached {@code name}. */
    public synchronized Optional<Mark> first(String source, String name) {
        return marks.stream().filter(m -> m.source().equals(source) && m.name().equals(name)).findFirst();
    }
}
