package dev.kprov.agent.fsm;

/** What a {@link ProvisionSession} reports. Implementations only enqueue; they never block. */
public interface SessionListener {

    void connected();

    void subscribed();

    /** The PUBACK of the request. */
    void delivered();

    void messageArrived(String topic, byte[] payload);

    /** CONNECT, SUBSCRIBE or PUBLISH failed, or the connection was lost; the session is unusable. */
    void failed(ErrorCategory category, String message);
}
