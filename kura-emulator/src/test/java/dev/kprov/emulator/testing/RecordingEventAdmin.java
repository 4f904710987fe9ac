package dev.kprov.emulator.testing;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** An EventAdmin that keeps what it is given. */
public final class RecordingEventAdmin implements EventAdmin {

    private final List<Event> posted = new ArrayList<>();

    @Override
    public synchronized void postEvent(Event event) {
        posted.add(event);
    }

    @Override
    public synchronized void sendEvent(Event event) {
        posted.add(event);
    }

    public synchronized List<Event> events() {
        return new ArrayList<>(posted);
    }
}
