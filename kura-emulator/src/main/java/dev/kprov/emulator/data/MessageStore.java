package dev.kprov.emulator.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.eclipse.kura.KuraStoreException;
import org.eclipse.kura.data.DataTransportToken;

/**
 * The DataService's messages, in memory (Kura keeps them in its H2 database): unpublished ones in priority
 * order (lower value first, then oldest first), in-flight ones (QoS 1 and 2, handed to the transport and
 * not yet confirmed), and the ids of the last {@value #DROPPED_KEPT} in-flight ones dropped on a new session.
 * Bounded by a message count (the {@code store.capacity} setting) and {@value #MAX_TOTAL_BYTES} bytes of
 * payload. Thread-safe; never calls out.
 */
final class MessageStore {

    static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;
    static final int DROPPED_KEPT = 1000;

    /** One message; {@code token} is set while in flight. */
    static final class Message {
        final int id;
        final String topic;
        final byte[] payload;
        final int qos;
        final boolean retain;
        final int priority;
        DataTransportToken token;

        Message(int id, String topic, byte[] payload, int qos, boolean retain, int priority) {
            this.id = id;
            this.topic = topic;
            this.payload = payload;
            this.qos = qos;
            this.retain = retain;
            this.priority = priority;
        }
    }

    private static final Comparator<Message> ORDER = Comparator.<Message> comparingInt(m -> m.priority)
            .thenComparingInt(m -> m.id);

    private final Map<Integer, Message> unpublished = new LinkedHashMap<>();
    private final Map<Integer, Message> inFlight = new LinkedHashMap<>();
    private final Deque<Message> dropped = new ArrayDeque<>();
    private int nextId = 1;
    private long totalBytes;
    private int capacity;
    private long maxPayloadSize;

    MessageStore(int capacity, long maxPayloadSize) {
        limits(capacity, maxPayloadSize);
    }

    synchronized void limits(int capacity, long maxPayloadSize) {
        this.capacity = capacity;
        this.maxPayloadSize = maxPayloadSize;
    }

    /** Stores a message to publish and returns its id. */
    synchronized int add(String topic, byte[] payload, int qos, boolean retain, int priority)
            throws KuraStoreException {
        if (payload.length > maxPayloadSize) {
            throw new KuraStoreException("the payload of " + payload.length + " bytes exceeds maximum.payload.size ("
                    + maxPayloadSize + " bytes): not stored");
        }
        if (unpublished.size() + inFlight.size() >= capacity) {
            throw new KuraStoreException("the store is full (store.capacity " + capacity
                    + " messages waiting): not stored");
        }
        if (totalBytes + payload.length > MAX_TOTAL_BYTES) {
            throw new KuraStoreException("the store is full (" + MAX_TOTAL_BYTES + " bytes of payload waiting): "
                    + "not stored");
        }
        int id = nextId;
        nextId = nextId == Integer.MAX_VALUE ? 1 : nextId + 1;
        unpublished.put(id, new Message(id, topic, payload.clone(), qos, retain, priority));
        totalBytes += payload.length;
        return id;
    }

    /** The next message to publish. */
    synchronized Optional<Message> next() {
        return unpublished.values().stream().min(ORDER);
    }

    /** A QoS 0 message handed over, or one that cannot be published: forgotten. */
    synchronized void remove(Message message) {
        if (unpublished.remove(message.id) != null || inFlight.remove(message.id) != null) {
            totalBytes -= message.payload.length;
        }
    }

    /** A QoS 1 or 2 message handed over, waiting for its confirmation. */
    synchronized void inFlight(Message message, DataTransportToken token) {
        if (unpublished.remove(message.id) != null) {
            message.token = token;
            inFlight.put(message.id, message);
        }
    }

    /** The in-flight message {@code token} confirms, now forgotten. */
    synchronized Optional<Message> confirm(DataTransportToken token) {
        for (Message message : inFlight.values()) {
            if (token.equals(message.token)) {
                inFlight.remove(message.id);
                totalBytes -= message.payload.length;
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** A new connection: in-flight messages are published again, or dropped. */
    synchronized void newConnection(boolean republish) {
        for (Message message : inFlight.values()) {
            message.token = null;
            if (republish) {
                unpublished.put(message.id, message);
            } else {
                totalBytes -= message.payload.length;
                dropped.addLast(message);
                if (dropped.size() > DROPPED_KEPT) {
                    dropped.removeFirst();
                }
            }
        }
        inFlight.clear();
    }

    synchronized List<Integer> unpublishedIds(String topicRegex) throws KuraStoreException {
        return ids(unpublished.values(), topicRegex);
    }

    synchronized List<Integer> inFlightIds(String topicRegex) throws KuraStoreException {
        return ids(inFlight.values(), topicRegex);
    }

    synchronized List<Integer> droppedIds(String topicRegex) throws KuraStoreException {
        return ids(dropped, topicRegex);
    }

    private static List<Integer> ids(Iterable<Message> messages, String topicRegex) throws KuraStoreException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(topicRegex);
        } catch (PatternSyntaxException | NullPointerException e) {
            throw new KuraStoreException(e, "the topic regular expression is invalid");
        }
        List<Integer> ids = new ArrayList<>();
        for (Message message : messages) {
            if (pattern.matcher(message.topic).matches()) {
                ids.add(message.id);
            }
        }
        return ids;
    }
}
