package dev.kprov.emulator.data.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.kura.ssl.SslManagerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS sockets for {@code mqtts://}, {@code ssl://} and {@code wss://}, from the SslManagerService, as Kura's
 * transport gets them: with the key of {@code ssl.certificate.alias} when set. The SSL manager decides
 * trust and verifies the server's host name; Paho is asked to verify it as well.
 */
final class TlsSockets {

    private static final Logger LOG = LoggerFactory.getLogger(TlsSockets.class);

    private TlsSockets() {
    }

    /**
     * @param ssl the bound SslManagerService, or null
     * @throws ConnectFailures.Abandoned saying why there is no socket factory
     */
    static SSLSocketFactory of(SslManagerService ssl, TransportOptions options) throws ConnectFailures.Abandoned {
        if (ssl == null) {
            throw new ConnectFailures.Abandoned(
                    "no SslManagerService is available for TLS (see SslManagerService.target)");
        }
        try {
            return options.sslKeyAlias.isEmpty() ? ssl.getSSLSocketFactory()
                    : ssl.getSSLSocketFactory(options.sslKeyAlias);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.debug("{}: no TLS socket factory", options.pid, e);
            throw new ConnectFailures.Abandoned(
                    "the SslManagerService gave no TLS socket factory: " + ConnectFailures.describe(e));
        }
    }
}
