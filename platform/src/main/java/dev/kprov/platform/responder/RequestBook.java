package dev.kprov.platform.responder;

import java.util.Optional;

import dev.kprov.platform.job.Jobs;
import dev.kprov.platform.request.ProvisionRequestSpec;

/** What the responder needs of the platform's state; called on the platform's own thread only. */
public interface RequestBook {

    Optional<ProvisionRequestSpec> request(String clientId);

    Jobs jobs();

    /** A 200 went out for {@code clientId}, answering {@code requestId}. */
    void packageSent(String clientId, String requestId);
}
