package dev.kprov.bench.fleet;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kprov.platform.Platform;
import dev.kprov.platform.PlatformException;
import dev.kprov.platform.PlatformOptions;
import dev.kprov.platform.RunningPlatform;
import dev.kprov.platform.pki.KeyAlgorithm;
import dev.kprov.platform.pki.StateDirectory;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * The reference platform with its embedded broker, which {@code faults} stops and starts again. The
 * platform's API has no way to restart its embedded broker alone, so a restart is the platform's, as on a
 * server where the two are one process: everything stops (every connection dropped, nothing listens on
 * the port), then a new platform starts on the same state directory (same broker key, same signer) and
 * the same port, and is given the same requests again, as it would read them from its requests
 * directory. The jobs' state is lost with the process, as it would be.
 */
final class RestartablePlatform implements AutoCloseable {

    private final Path state;
    private final List<ProvisionRequestSpec> requests = new ArrayList<>();
    private int port;
    private RunningPlatform platform;

    private RestartablePlatform(Path state) {
        this.state = state;
    }

    static RestartablePlatform start(Path state) throws PlatformException {
        RestartablePlatform restartable = new RestartablePlatform(state);
        restartable.startOn(0);
        return restartable;
    }

    private void startOn(int tlsPort) throws PlatformException {
        platform = Platform.start(PlatformOptions.builder().stateDirectory(state).bindAddress("127.0.0.1")
                .tlsPort(tlsPort).build());
        port = URI.create(platform.brokerUrl()).getPort();
    }

    synchronized int port() {
        return port;
    }

    synchronized String account() {
        return platform.account();
    }

    synchronized String brokerUrl() {
        return platform.brokerUrl();
    }

    synchronized void add(ProvisionRequestSpec request) throws InvalidRequestException {
        platform.addRequest(request);
        requests.add(request);
    }

    /** The broker is down: the platform and its broker are stopped. */
    synchronized void stop() {
        platform.close();
        platform = null;
    }

    /** The broker is back: on the same port, with the same keys and requests. */
    synchronized void restart() throws PlatformException, InvalidRequestException {
        startOn(port);
        for (ProvisionRequestSpec request : requests) {
            platform.addRequest(request);
        }
    }

    /** What a gateway trusts for the broker's TLS. */
    List<X509Certificate> brokerCa() throws Exception {
        return certificates(platform.brokerCaPem().orElseThrow());
    }

    /** The signer's chain, signer first: what each package carries and each gateway ends up trusting. */
    List<X509Certificate> signerChain() throws Exception {
        return new StateDirectory(Optional.of(state), KeyAlgorithm.EC_P256, new SecureRandom(), Clock.systemUTC())
                .signer().chain();
    }

    List<X509Certificate> signerRoot() throws Exception {
        return certificates(platform.signerRootPem());
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    @Override
    public synchronized void close() {
        if (platform != null) {
            platform.close();
            platform = null;
        }
    }
}
