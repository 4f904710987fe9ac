package dev.kprov.agent.fsm;

import java.util.ArrayList;
import java.util.List;

/** A provision-broker session the test drives: it records calls, and the test plays the broker's side. */
final class FakeSession implements ProvisionSession {

    final SessionSpec spec;
    final SessionListener listener;
    final List<String> calls = new ArrayList<>();
    boolean closed;

    FakeSession(SessionSpec spec, SessionListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    @Override
    public void connect() {
        calls.add("connect");
    }

    @Override
    public void subscribe(String topicFilter) {
        calls.add("subscribe " + topicFilter);
    }

    @Override
    public void publish(String topic, byte[] payload) {
        calls.add("publish " + topic);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Every session the machine opened, in order. */
    static final class Factory implements ProvisionSession.Factory {
        final List<FakeSession> opened = new ArrayList<>();

        @Override
        public ProvisionSession open(SessionSpec spec, SessionListener listener) {
            FakeSession session = new FakeSession(spec, listener);
            opened.add(session);
            return session;
        }

        FakeSession last() {
            return opened.get(opened.size() - 1);
        }
    }
}
