package dev.kprov.platform;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.broker.DynamicSecurity;
import dev.kprov.platform.broker.EmbeddedBroker;
import dev.kprov.platform.job.JobView;
import dev.kprov.platform.mosquitto.LocalMosquitto;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;
import dev.kprov.platform.responder.ResponderService;

/** A started platform: the owner thread, the core it guards, the broker and the responder. */
final class PlatformRuntime implements RunningPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformRuntime.class);
    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final OwnerThread owner;
    private final PlatformCore core;
    private final String account;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EmbeddedBroker broker;
    private volatile ResponderService responder;
    private volatile DynamicSecurity dynamicSecurity;
    private volatile LocalMosquitto mosquitto;
    private volatile ScheduledFuture<?> ticker;
    private volatile String brokerUrl;
    private volatile Optional<String> brokerCaPem = Optional.empty();
    private volatile String signerRootPem;

    PlatformRuntime(OwnerThread owner, PlatformCore core, String account) {
        this.owner = owner;
        this.core = core;
        this.account = account;
    }

    void keys(Optional<String> brokerCa, String signerRoot) {
        this.brokerCaPem = brokerCa;
        this.signerRootPem = signerRoot;
    }

    void brokerStarted(EmbeddedBroker started) {
        this.broker = started;
        this.brokerUrl = started.tlsUrl();
    }

    void mosquittoStarted(LocalMosquitto started) {
        this.mosquitto = started;
    }

    void dynamicSecurityStarted(DynamicSecurity started) {
        this.dynamicSecurity = started;
    }

    void responderStarted(ResponderService started) {
        this.responder = started;
        if (brokerUrl == null) {
            this.brokerUrl = started.url();
        }
    }

    void tickerStarted(ScheduledFuture<?> started) {
        this.ticker = started;
    }

    @Override
    public String brokerUrl() {
        return brokerUrl;
    }

    @Override
    public Optional<String> plainBrokerUrl() {
        EmbeddedBroker current = broker;
        return current == null ? Optional.empty() : current.plainUrl();
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public Optional<String> brokerCaPem() {
        return brokerCaPem;
    }

    @Override
    public String signerRootPem() {
        return signerRootPem;
    }

    @Override
    public void addRequest(ProvisionRequestSpec request) throws InvalidRequestException {
        try {
            call(() -> {
                core.add(request);
                return null;
            });
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InvalidRequestException) {
                throw (InvalidRequestException) e.getCause();
            }
            throw new IllegalStateException("adding the request failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public boolean removeRequest(String clientId) {
        return unchecked(() -> core.remove(clientId));
    }

    @Override
    public List<ProvisionRequestSpec> requests() {
        return unchecked(core::requests);
    }

    @Override
    public Optional<JobView> job(String clientId) {
        return unchecked(() -> core.jobs().view(clientId));
    }

    @Override
    public List<JobView> jobs() {
        return unchecked(() -> core.jobs().views());
    }

    @Override
    public boolean markCompleted(String clientId, String detail) {
        return unchecked(() -> core.markCompleted(clientId, detail));
    }

    @Override
    public void addListener(PlatformListener listener) {
        core.addListener(listener);
    }

    @Override
    public void removeListener(PlatformListener listener) {
        core.removeListener(listener);
    }

    /** Runs on the owner thread and waits for it (directly when already on it). */
    <T> T call(Callable<T> task) throws ExecutionException {
        if (closed.get()) {
            throw new IllegalStateException("the platform is closed");
        }
        if (owner.isCurrent()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new ExecutionException(e);
            }
        }
        try {
            return owner.executor().submit(task).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the platform", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the platform did not answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the platform is closed", e);
        }
    }

    private <T> T unchecked(Callable<T> task) {
        try {
            return call(task);
        } catch (ExecutionException e) {
            throw new IllegalStateException("platform call failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> tick = ticker;
        if (tick != null) {
            tick.cancel(false);
        }
        ResponderService currentResponder = responder;
        if (currentResponder != null) {
            currentResponder.close();
        }
        DynamicSecurity currentAdmission = dynamicSecurity;
        if (currentAdmission != null) {
            currentAdmission.close();
        }
        EmbeddedBroker currentBroker = broker;
        if (currentBroker != null) {
            currentBroker.close();
        }
        LocalMosquitto currentMosquitto = mosquitto;
        if (currentMosquitto != null) {
            currentMosquitto.close();
        }
        ScheduledExecutorService executor = owner.executor();
        executor.shutdownNow();
        if (!owner.isCurrent()) {
            try {
                if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    LOG.warn("the platform thread did not stop within {} s", STOP_TIMEOUT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("platform closed");
    }
}
