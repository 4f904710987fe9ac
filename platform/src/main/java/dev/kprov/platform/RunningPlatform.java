package dev.kprov.platform;

import java.util.List;
import java.util.Optional;

import dev.kprov.platform.job.JobView;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * A started platform. Every method may be called from any thread. {@link #close()} is idempotent and
 * frees every thread and port the platform opened.
 */
public interface RunningPlatform extends AutoCloseable {

    /**
     * The broker devices connect to: {@code mqtts://127.0.0.1:PORT} of the embedded broker, or the URL
     * the responder was pointed at when there is none.
     */
    String brokerUrl();

    /** {@code mqtt://127.0.0.1:PORT} when the embedded broker also listens on plain TCP. */
    Optional<String> plainBrokerUrl();

    /** The provision account ({@code $EDC/{account}/...}). */
    String account();

    /** PEM of the CA a gateway must trust for the embedded broker's TLS; empty without one. */
    Optional<String> brokerCaPem();

    /** PEM of the top of the signer chain: what a gateway must trust for {@code ca-authentication}. */
    String signerRootPem();

    /**
     * Adds a request; its job starts at CREATED.
     *
     * @throws InvalidRequestException when a request for the same client id exists (remove it first)
     */
    void addRequest(ProvisionRequestSpec request) throws InvalidRequestException;

    /** Withdraws the request of {@code clientId} and its job; false when there was none. */
    boolean removeRequest(String clientId);

    /** The requests known now, from the API and the requests directory. */
    List<ProvisionRequestSpec> requests();

    Optional<JobView> job(String clientId);

    List<JobView> jobs();

    /**
     * Marks a job COMPLETED, for a deployment whose account broker is not the embedded one (the platform
     * cannot see the device connect there).
     *
     * @return false when there is no such job
     */
    boolean markCompleted(String clientId, String detail);

    void addListener(PlatformListener listener);

    void removeListener(PlatformListener listener);

    @Override
    void close();
}
