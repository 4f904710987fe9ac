package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.kura.KuraStoreException;
import org.eclipse.kura.data.DataTransportToken;
import org.junit.jupiter.api.Test;

/** The DataService's in-memory store: order, confirmation, new sessions, bounds. */
class MessageStoreTest {

    private final MessageStore store = new MessageStore(3, 10);

    @Test
    void messagesGoOutByPriorityThenAge() throws Exception {
        int later = store.add("a/data", new byte[1], 1, false, 5);
        int first = store.add("a/birth", new byte[1], 1, false, 0);
        int last = store.add("a/data", new byte[1], 0, false, 5);

        assertEquals(first, store.next().get().id);
        store.remove(store.next().get());
        assertEquals(later, store.next().get().id);
        store.inFlight(store.next().get(), new DataTransportToken(7, "session"));
        assertEquals(last, store.next().get().id);
        assertEquals(List.of(later), store.inFlightIds("a/.*"));
    }

    @Test
    void aConfirmationForgetsItsMessageAndANewSessionRepublishesOrDrops() throws Exception {
        int confirmed = store.add("t", new byte[1], 1, false, 5);
        int pending = store.add("t", new byte[1], 1, false, 5);
        store.inFlight(store.next().get(), new DataTransportToken(1, "s"));
        store.inFlight(store.next().get(), new DataTransportToken(2, "s"));

        assertEquals(confirmed, store.confirm(new DataTransportToken(1, "s")).get().id);
        assertTrue(store.confirm(new DataTransportToken(1, "other session")).isEmpty());

        store.newConnection(true);
        assertEquals(List.of(pending), store.unpublishedIds(".*"));
        store.inFlight(store.next().get(), new DataTransportToken(3, "s"));
        store.newConnection(false);
        assertEquals(List.of(pending), store.droppedIds(".*"));
        assertEquals(List.of(), store.unpublishedIds(".*"));
    }

    @Test
    void theStoreRefusesWhatExceedsItsBoundsSayingWhich() throws Exception {
        KuraStoreException large = assertThrows(KuraStoreException.class,
                () -> store.add("t", new byte[11], 0, false, 5));
        assertTrue(large.getMessage().contains("maximum.payload.size"), large.getMessage());

        for (int i = 0; i < 3; i++) {
            store.add("t", new byte[1], 0, false, 5);
        }
        KuraStoreException full = assertThrows(KuraStoreException.class, () -> store.add("t", new byte[1], 0, false, 5));
        assertTrue(full.getMessage().contains("store.capacity"), full.getMessage());
        assertThrows(KuraStoreException.class, () -> store.unpublishedIds("(unclosed"));
    }
}
