package dev.kprov.emulator.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.data.DataTransportToken;
import org.eclipse.kura.data.listener.DataServiceListener;
import org.eclipse.kura.data.transport.listener.DataTransportListener;

/**
 * Records what a DataService or a transport tells its listeners, one short line per event, for tests to
 * wait on in order ({@code established}, {@code disconnecting}, {@code disconnected}, {@code lost},
 * {@code updating true}, {@code updated true}, {@code arrived TOPIC PAYLOAD}, {@code published ID},
 * {@code confirmed ID}).
 */
final class Events implements DataServiceListener, DataTransportListener {

    static final long WAIT_SECONDS = 20;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    /** The next event, waiting for it. */
    synchronized String next() throws InterruptedException {
        String event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + WAIT_SECONDS + " s; seen so far: " + seen);
        }
        seen.add(event);
        return event;
    }

    /** The next events are exactly {@code expected}, in this order. */
    void expect(String... expected) throws InterruptedException {
        for (String event : expected) {
            assertEquals(event, next(), "events seen: " + seen);
        }
    }

    /** Skips events until {@code wanted} comes. */
    void awaitEvent(String wanted) throws InterruptedException {
        while (!next().equals(wanted)) {
            // skipped
        }
    }

    private void record(String event) {
        events.add(event);
    }

    @Override
    public void onConnectionEstablished() {
        record("established");
    }

    @Override
    public void onConnectionEstablished(boolean newSession) {
        record("established");
    }

    @Override
    public void onDisconnecting() {
        record("disconnecting");
    }

    @Override
    public void onDisconnected() {
        record("disconnected");
    }

    @Override
    public void onConnectionLost(Throwable cause) {
        record("lost");
    }

    @Override
    public void onConfigurationUpdating(boolean wasConnected) {
        record("updating " + wasConnected);
    }

    @Override
    public void onConfigurationUpdated(boolean wasConnected) {
        record("updated " + wasConnected);
    }

    @Override
    public void onMessageArrived(String topic, byte[] payload, int qos, boolean retained) {
        record("arrived " + topic + " " + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void onMessagePublished(int messageId, String topic) {
        record("published " + messageId);
    }

    @Override
    public void onMessageConfirmed(int messageId, String topic) {
        record("confirmed " + messageId);
    }

    @Override
    public void onMessageConfirmed(DataTransportToken token) {
        record("confirmed " + token.getMessageId());
    }
}
