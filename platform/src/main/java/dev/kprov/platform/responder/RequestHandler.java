package dev.kprov.platform.responder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.Topics;
import dev.kprov.platform.job.JobStatus;
import dev.kprov.platform.job.JobView;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * Answers provision requests (PROTOCOL.md sections 5 and 6), on the platform's own thread. Checks, in
 * order: malformed (400), unknown client id (404), already completed (409), attempts used up (429 with
 * {@code retry.after}), activation key (403), activity window (410); then the signed package (200), or
 * 202 at once and the package after {@code prepare.seconds}. Anything that fails inside is a 500.
 * Wrong-key, window and attempt checks come after the attempt is counted, so guessing a key costs
 * attempts.
 */
final class RequestHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);

    private final String account;
    private final RequestBook book;
    private final PackageFactory packages;
    private final ScheduledExecutorService owner;
    private final BiConsumer<String, byte[]> publisher;
    private final Clock clock;

    RequestHandler(String account, RequestBook book, SignerIdentity signer, ScheduledExecutorService owner,
            BiConsumer<String, byte[]> publisher, Clock clock) {
        this.account = account;
        this.book = book;
        this.packages = new PackageFactory(signer, clock);
        this.owner = owner;
        this.publisher = publisher;
        this.clock = clock;
    }

    void onRequest(String topic, byte[] wire) {
        Optional<Topics> topics = Topics.ofRequestTopic(topic).filter(t -> t.account().equals(account));
        if (topics.isEmpty()) {
            LOG.debug("not a request topic of account {}: {}", account, topic);
            return;
        }
        String clientId = topics.get().clientId();
        Payload payload;
        String requestId;
        try {
            payload = PayloadCodec.decode(wire);
            requestId = payload.optionalString(ProvisionRequest.REQUEST_ID).orElse(null);
        } catch (MessageException e) {
            LOG.warn("{}: request dropped, not a readable KuraPayload ({})", clientId, e.getMessage());
            return;
        }
        if (requestId == null || !ProvisionRequest.isValidRequestId(requestId)) {
            // Without a request id there is no reply topic the agent listens to.
            LOG.warn("{}: request dropped, its request.id is missing or not 32 lower-case hex digits", clientId);
            return;
        }
        try {
            answer(topics.get(), requestId, payload);
        } catch (RuntimeException e) {
            LOG.error("{}: request {} failed inside the platform", clientId, requestId, e);
            fail(topics.get(), requestId, ProvisionReply.PLATFORM_ERROR, "platform error", e.toString());
        }
    }

    private void answer(Topics topics, String requestId, Payload payload) {
        String clientId = topics.clientId();
        ProvisionRequest request;
        try {
            request = ProvisionRequest.fromPayload(payload);
            if (!request.clientId().equals(clientId)) {
                throw new MessageException(ProvisionRequest.CLIENT_ID + " " + request.clientId()
                        + " is not the client id of the topic, " + clientId);
            }
        } catch (MessageException e) {
            fail(topics, requestId, ProvisionReply.BAD_REQUEST, "malformed request: " + e.getMessage(), null);
            return;
        }
        Optional<ProvisionRequestSpec> found = book.request(clientId);
        if (found.isEmpty()) {
            send(topics, ProvisionReply.error(ProvisionReply.NOT_FOUND, requestId,
                    "no provision request for client id " + clientId));
            LOG.info("{}: request {} -> 404 (no provision request)", clientId, requestId);
            return;
        }
        ProvisionRequestSpec spec = found.get();
        JobView job = book.jobs().view(clientId).orElseThrow();
        if (job.status() == JobStatus.COMPLETED) {
            send(topics, ProvisionReply.error(ProvisionReply.CONFLICT, requestId,
                    "provision request already used: the device completed at " + job.updatedAt()));
            LOG.info("{}: request {} -> 409 (already completed)", clientId, requestId);
            return;
        }
        int attempts = book.jobs().attemptStarted(clientId, requestId);
        OptionalInt max = spec.maxAttempts();
        if (max.isPresent() && attempts > max.getAsInt()) {
            book.jobs().abandoned(clientId, "max attempts (" + max.getAsInt() + ") used up");
            send(topics, ProvisionReply.error(ProvisionReply.TOO_MANY_REQUESTS, requestId, "too many attempts: "
                    + max.getAsInt() + " allowed").withRetryAfter(spec.retryAfterSeconds()));
            LOG.info("{}: request {} -> 429 (attempt {} of {})", clientId, requestId, attempts, max.getAsInt());
            return;
        }
        Optional<String> keyProblem = activationKeyProblem(spec, request);
        if (keyProblem.isPresent()) {
            fail(topics, requestId, ProvisionReply.FORBIDDEN, keyProblem.get(), null);
            return;
        }
        Instant now = clock.instant();
        if (spec.activatesOn().isPresent() && now.isBefore(spec.activatesOn().get())) {
            fail(topics, requestId, ProvisionReply.GONE, "provision request not active until "
                    + spec.activatesOn().get(), null);
            return;
        }
        if (spec.expiresOn().isPresent() && !now.isBefore(spec.expiresOn().get())) {
            book.jobs().abandoned(clientId, "expired at " + spec.expiresOn().get());
            send(topics, ProvisionReply.error(ProvisionReply.GONE, requestId,
                    "provision request expired at " + spec.expiresOn().get()));
            LOG.info("{}: request {} -> 410 (expired)", clientId, requestId);
            return;
        }
        if (spec.prepareDelay().isZero()) {
            deliver(topics, requestId, spec);
            return;
        }
        send(topics, ProvisionReply.accepted(requestId));
        LOG.info("{}: request {} -> 202, package in {} s", clientId, requestId, spec.prepareDelay().toSeconds());
        try {
            owner.schedule(() -> deliverPrepared(topics, requestId, spec), spec.prepareDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: platform closing, prepared package for {} not sent", clientId, requestId);
        }
    }

    private void deliverPrepared(Topics topics, String requestId, ProvisionRequestSpec prepared) {
        Optional<ProvisionRequestSpec> current = book.request(topics.clientId());
        if (current.isEmpty() || current.get() != prepared) {
            send(topics, ProvisionReply.error(ProvisionReply.NOT_FOUND, requestId,
                    "the provision request was removed or changed while its package was prepared"));
            LOG.info("{}: request {} -> 404 (request withdrawn while preparing)", topics.clientId(), requestId);
            return;
        }
        try {
            deliver(topics, requestId, prepared);
        } catch (RuntimeException e) {
            LOG.error("{}: request {} failed inside the platform", topics.clientId(), requestId, e);
            fail(topics, requestId, ProvisionReply.PLATFORM_ERROR, "platform error", e.toString());
        }
    }

    private void deliver(Topics topics, String requestId, ProvisionRequestSpec spec) {
        byte[] signed;
        try {
            signed = packages.signedPackage(spec, requestId);
        } catch (Exception e) {
            LOG.warn("{}: cannot build the package for request {}: {}", topics.clientId(), requestId, e.toString());
            LOG.debug("package failure", e);
            fail(topics, requestId, ProvisionReply.PLATFORM_ERROR,
                    "platform error: the provisioning package cannot be built", e.getMessage());
            return;
        }
        send(topics, ProvisionReply.ok(requestId, signed));
        book.packageSent(topics.clientId(), requestId);
        LOG.info("{}: request {} -> 200, package of {} bytes", topics.clientId(), requestId, signed.length);
    }

    /** An error reply that fails the attempt: FAILED, then ABANDONED when it was the last one allowed. */
    private void fail(Topics topics, String requestId, int code, String message, String cause) {
        String clientId = topics.clientId();
        send(topics, ProvisionReply.error(code, requestId, message));
        LOG.info("{}: request {} -> {} ({})", clientId, requestId, code, message);
        if (book.request(clientId).isEmpty() || book.jobs().view(clientId).isEmpty()) {
            return;
        }
        book.jobs().failed(clientId, code + " " + message + (cause == null ? "" : " (" + cause + ")"));
        abandonIfUsedUp(clientId);
    }

    void abandonIfUsedUp(String clientId) {
        Optional<ProvisionRequestSpec> spec = book.request(clientId);
        Optional<JobView> job = book.jobs().view(clientId);
        if (spec.isPresent() && job.isPresent() && spec.get().maxAttempts().isPresent()
                && job.get().attempts() >= spec.get().maxAttempts().getAsInt()
                && job.get().status() == JobStatus.FAILED) {
            book.jobs().abandoned(clientId, "max attempts (" + spec.get().maxAttempts().getAsInt() + ") used up");
        }
    }

    private static Optional<String> activationKeyProblem(ProvisionRequestSpec spec, ProvisionRequest request) {
        if (spec.activationKey().isEmpty()) {
            return Optional.empty();
        }
        if (!request.hasActivationKey()) {
            return Optional.of("activation key missing");
        }
        char[] given = request.activationKey().orElseThrow();
        byte[] expected = spec.activationKey().get().getBytes(StandardCharsets.UTF_8);
        byte[] actual = new String(given).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(given, '\0');
        return MessageDigest.isEqual(expected, actual) ? Optional.empty() : Optional.of("activation key wrong");
    }

    private void send(Topics topics, ProvisionReply reply) {
        publisher.accept(topics.replyTopic(reply.requestId()), PayloadCodec.encode(reply.toPayload()));
    }
}
