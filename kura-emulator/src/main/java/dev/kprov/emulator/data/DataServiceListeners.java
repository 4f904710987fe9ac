package dev.kprov.emulator.data;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

import org.eclipse.kura.data.listener.DataServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DataService's listeners. They are told on the DataService's thread only, so in the order of the
 * events; a listener that throws is logged and the others are still told.
 */
final class DataServiceListeners {

    private static final Logger LOG = LoggerFactory.getLogger(DataServiceListeners.class);

    private final String pid;
    private final Set<DataServiceListener> listeners = new CopyOnWriteArraySet<>();

    DataServiceListeners(String pid) {
        this.pid = pid;
    }

    void add(DataServiceListener listener) {
        listeners.add(listener);
    }

    void remove(DataServiceListener listener) {
        listeners.remove(listener);
    }

    void tell(String event, Consumer<DataServiceListener> call) {
        for (DataServiceListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("{}: a DataServiceListener failed on {}: {}", pid, event, e.toString());
                LOG.debug("{}: DataServiceListener failure", pid, e);
            }
        }
    }
}
