package dev.kprov.agent.mqtt;

import javax.net.ssl.SSLSocketFactory;

import dev.kprov.agent.fsm.ProvisionSession;
import dev.kprov.agent.fsm.SessionListener;
import dev.kprov.agent.fsm.SessionSpec;

/** Opens provision-broker sessions over Eclipse Paho (embedded privately in the bundle). */
public final class PahoSessions implements ProvisionSession.Factory {

    /** Where TLS sockets come from: Kura's SSL manager on a gateway. */
    @FunctionalInterface
    public interface TlsSockets {
        /** A socket factory that validates the server certificate and host name; throws when none is available. */
        SSLSocketFactory get() throws Exception;
    }

    private final TlsSockets tls;

    public PahoSessions(TlsSockets tls) {
        this.tls = tls;
    }

    @Override
    public ProvisionSession open(SessionSpec spec, SessionListener listener) {
        return new PahoSession(spec, tls, listener);
    }
}
