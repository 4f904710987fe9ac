package dev.kprov.platform;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.broker.Admission;
import dev.kprov.platform.broker.AdmissionTable;
import dev.kprov.platform.broker.DynamicSecurity;
import dev.kprov.platform.job.JobStatus;
import dev.kprov.platform.job.JobView;
import dev.kprov.platform.job.Jobs;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;
import dev.kprov.platform.request.RequestDirectory;
import dev.kprov.platform.request.RequestFileParser;
import dev.kprov.platform.responder.RequestBook;

/**
 * The platform's state: requests (from the API and the requests directory), their jobs, and the
 * broker's admission table derived from both. Only the platform's own thread touches it.
 */
final class PlatformCore implements RequestBook {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformCore.class);

    /** A request and, for one read from a file, the digest that tells a real change from a touch. */
    private record Entry(ProvisionRequestSpec spec, String digest) {
        boolean fromFile() {
            return digest != null;
        }
    }

    private final Map<String, Entry> requests = new TreeMap<>();
    private final Jobs jobs;
    private final Optional<RequestDirectory> directory;
    private final Optional<Admission> admission;
    private final Optional<DynamicSecurity> dynamicSecurity;
    private final Clock clock;
    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Path> conflictsReported = new HashSet<>();
    private Instant lastTick = Instant.MIN;

    PlatformCore(Optional<Path> requestsDirectory, Optional<Admission> admission,
            Optional<DynamicSecurity> dynamicSecurity, Clock clock) {
        this.directory = requestsDirectory.map(RequestDirectory::new);
        this.admission = admission;
        this.dynamicSecurity = dynamicSecurity;
        this.clock = clock;
        this.jobs = new Jobs(clock, event -> {
            tell(listener -> listener.jobChanged(event));
            // Mosquitto's dynamic security lets a request's credentials in only while its job is open.
            if (event.status().isFinal() && dynamicSecurity.isPresent()) {
                refreshAdmission();
            }
        });
    }

    void addListener(PlatformListener listener) {
        listeners.add(listener);
    }

    void removeListener(PlatformListener listener) {
        listeners.remove(listener);
    }

    /** Reads the requests directory again and abandons expired jobs. */
    void tick() {
        directory.ifPresent(this::scan);
        Instant now = clock.instant();
        boolean expiredSinceLastTick = false;
        for (Entry entry : requests.values()) {
            Optional<Instant> expires = entry.spec.expiresOn();
            Optional<JobView> job = jobs.view(entry.spec.clientId());
            if (expires.isPresent() && !now.isBefore(expires.get()) && job.isPresent() && !job.get().status().isFinal()) {
                jobs.abandoned(entry.spec.clientId(), "expired at " + expires.get());
            }
            expiredSinceLastTick |= expires.isPresent() && !now.isBefore(expires.get()) && lastTick.isBefore(expires.get());
        }
        lastTick = now;
        if (expiredSinceLastTick && dynamicSecurity.isPresent()) {
            refreshAdmission();
        }
    }

    void add(ProvisionRequestSpec spec) throws InvalidRequestException {
        Entry existing = requests.get(spec.clientId());
        if (existing != null) {
            throw new InvalidRequestException("client id " + spec.clientId() + " already has a provision request"
                    + existing.spec.source().map(file -> " (file " + file + ")").orElse("") + "; remove it first");
        }
        put(spec, null, "request added");
        refreshAdmission();
    }

    boolean remove(String clientId) {
        boolean removed = withdraw(clientId);
        refreshAdmission();
        return removed;
    }

    List<ProvisionRequestSpec> requests() {
        List<ProvisionRequestSpec> specs = new ArrayList<>();
        requests.values().forEach(entry -> specs.add(entry.spec));
        return specs;
    }

    boolean markCompleted(String clientId, String detail) {
        if (jobs.view(clientId).isEmpty()) {
            return false;
        }
        jobs.completed(clientId, detail);
        return true;
    }

    /**
     * A CONNECT the broker accepted (the embedded one, or Mosquitto by its log): with delivered account
     * credentials, the job is complete.
     */
    void connected(String clientId, String username) {
        admission.flatMap(a -> a.table().accountSession(clientId, username))
                .or(() -> dynamicSecurity.flatMap(d -> d.accountSession(clientId, username))).ifPresent(account -> {
            String requestClientId = account.requestClientId();
            if (requests.containsKey(requestClientId) && jobs.view(requestClientId).isPresent()) {
                jobs.completed(requestClientId, "connected to the account broker as " + clientId);
            }
        });
    }

    @Override
    public Optional<ProvisionRequestSpec> request(String clientId) {
        Entry entry = requests.get(clientId);
        return entry == null ? Optional.empty() : Optional.of(entry.spec);
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public void packageSent(String clientId, String requestId) {
        jobs.packageSent(clientId, requestId);
        refreshAdmission();
    }

    private void scan(RequestDirectory requestDirectory) {
        RequestDirectory.Scan scan = requestDirectory.scan();
        for (RequestDirectory.Rejection rejection : scan.newRejections()) {
            reject(rejection.file(), rejection.problem());
        }
        boolean changed = false;
        Set<Path> conflicts = new HashSet<>();
        for (Map.Entry<String, RequestFileParser.Parsed> found : scan.requests().entrySet()) {
            RequestFileParser.Parsed parsed = found.getValue();
            Entry existing = requests.get(found.getKey());
            Path file = parsed.spec().source().orElseThrow();
            if (existing != null && !existing.fromFile()) {
                conflicts.add(file);
                if (conflictsReported.add(file)) {
                    reject(file, "client.id " + found.getKey() + " already has a provision request added through the API");
                }
            } else if (existing == null) {
                put(parsed.spec(), parsed.digest(), "request from " + file.getFileName());
                changed = true;
            } else if (!existing.digest.equals(parsed.digest())) {
                put(parsed.spec(), parsed.digest(), "request changed in " + file.getFileName());
                changed = true;
            }
        }
        conflictsReported.retainAll(conflicts);
        for (Entry entry : new ArrayList<>(requests.values())) {
            if (entry.fromFile() && !scan.requests().containsKey(entry.spec.clientId())) {
                withdraw(entry.spec.clientId());
                changed = true;
            }
        }
        if (changed) {
            refreshAdmission();
        }
    }

    private void put(ProvisionRequestSpec spec, String digest, String detail) {
        requests.put(spec.clientId(), new Entry(spec, digest));
        LOG.info("{}: {}", spec.clientId(), spec);
        tell(listener -> listener.requestAdded(spec));
        jobs.created(spec.clientId(), detail);
    }

    private boolean withdraw(String clientId) {
        Entry removed = requests.remove(clientId);
        if (removed == null) {
            return false;
        }
        jobs.removed(clientId);
        LOG.info("{}: request withdrawn{}", clientId, removed.spec.source().map(f -> " (" + f + ")").orElse(""));
        tell(listener -> listener.requestRemoved(clientId));
        return true;
    }

    private void reject(Path file, String problem) {
        LOG.warn("request file {} skipped: {}", file, problem);
        tell(listener -> listener.requestFileRejected(file, problem));
    }

    /**
     * The broker's view of who may connect: every request, and account credentials once delivered. Mosquitto's
     * dynamic security gets the open requests only: not once the job is COMPLETED or the request expired
     * (issue 6; the embedded broker keeps admitting them so that the device hears 409 or 410).
     */
    private void refreshAdmission() {
        if (admission.isEmpty() && dynamicSecurity.isEmpty()) {
            return;
        }
        Map<String, ProvisionRequestSpec> specs = new HashMap<>();
        Map<String, AdmissionTable.Account> accounts = new HashMap<>();
        for (Entry entry : requests.values()) {
            ProvisionRequestSpec spec = entry.spec;
            specs.put(spec.clientId(), spec);
            boolean delivered = jobs.view(spec.clientId()).flatMap(JobView::deliveredRequestId).isPresent();
            if (delivered && spec.accountCredentials().isPresent()) {
                accounts.put(spec.accountCredentials().get().clientId(),
                        new AdmissionTable.Account(spec.accountCredentials().get(), spec.accountName(), spec.clientId()));
            }
        }
        admission.ifPresent(current -> current.update(current.table().with(specs, accounts)));
        dynamicSecurity.ifPresent(mosquitto -> mosquitto.update(open(specs), accounts));
    }

    private Map<String, ProvisionRequestSpec> open(Map<String, ProvisionRequestSpec> specs) {
        Instant now = clock.instant();
        Map<String, ProvisionRequestSpec> open = new HashMap<>();
        specs.forEach((clientId, spec) -> {
            boolean completed = jobs.view(clientId).map(job -> job.status() == JobStatus.COMPLETED).orElse(false);
            boolean expired = spec.expiresOn().map(expiry -> !now.isBefore(expiry)).orElse(false);
            if (!completed && !expired) {
                open.put(clientId, spec);
            }
        });
        return open;
    }

    /** Mosquitto confirmed that it admits, or no longer admits, a user name and client id. */
    void admissionApplied(String clientId, String username, boolean admitted) {
        tell(listener -> listener.admissionApplied(clientId, username, admitted));
    }

    private void tell(Consumer<PlatformListener> call) {
        for (PlatformListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("a platform listener failed", e);
            }
        }
    }
}
