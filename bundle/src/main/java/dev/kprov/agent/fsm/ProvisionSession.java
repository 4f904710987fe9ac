package dev.kprov.agent.fsm;

/**
 * One MQTT connection to the provision broker, for one attempt. Every call returns at once; outcomes
 * arrive through the {@link SessionListener} given when the session was opened, on any thread.
 */
public interface ProvisionSession {

    /** CONNECT (PROTOCOL.md section 1). */
    void connect();

    /** SUBSCRIBE at QoS 1; the listener hears of the SUBACK. */
    void subscribe(String topicFilter);

    /** PUBLISH at QoS 1, not retained; the listener hears of the PUBACK. */
    void publish(String topic, byte[] payload);

    /** Disconnects if connected and frees every thread and socket. Idempotent; never waits long. */
    void close();

    /** Opens sessions; the machine asks for a new one at each attempt. */
    interface Factory {
        ProvisionSession open(SessionSpec spec, SessionListener listener);
    }
}
