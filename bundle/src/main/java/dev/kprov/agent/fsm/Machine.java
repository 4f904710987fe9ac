package dev.kprov.agent.fsm;

import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.component.InvalidSettingException;
import dev.kprov.agent.component.Options;
import dev.kprov.agent.fsm.Events.AttemptDue;
import dev.kprov.agent.fsm.Events.Applied;
import dev.kprov.agent.fsm.Events.ApplyFailed;
import dev.kprov.agent.fsm.Events.Close;
import dev.kprov.agent.fsm.Events.Configure;
import dev.kprov.agent.fsm.Events.Connected;
import dev.kprov.agent.fsm.Events.Delivered;
import dev.kprov.agent.fsm.Events.Event;
import dev.kprov.agent.fsm.Events.MessageArrived;
import dev.kprov.agent.fsm.Events.Recovered;
import dev.kprov.agent.fsm.Events.RetryNow;
import dev.kprov.agent.fsm.Events.Reject;
import dev.kprov.agent.fsm.Events.SessionFailed;
import dev.kprov.agent.fsm.Events.StepTimeout;
import dev.kprov.agent.fsm.Events.Subscribed;

/**
 * The provisioning state machine (see {@link State}). Its entry points only post events; every event is
 * handled on the scheduler's owner thread, which alone reads and changes the fields below.
 */
public final class Machine implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Machine.class);

    private final String pid;
    private final MachineParts parts;
    private final RetryPolicy retry;
    private final Reporter reporter;

    // Owner thread only.
    private State state;
    private boolean recovered;
    private boolean recovering;
    private Options pending;
    /** Settings (Configure or Reject) that came while a run was being applied: taken once it ends. */
    private Event deferred;
    private Options options;
    private int failedAttempts;
    private int attemptSeq;
    private Attempt attempt;
    private Scheduler.Cancellable timer;
    private ErrorCategory lastError;
    private String lastMessage = "";
    private long nextAttemptAt;

    public Machine(String pid, MachineParts parts) {
        this.pid = pid;
        this.parts = parts;
        this.retry = new RetryPolicy(parts.random);
        this.reporter = new Reporter(pid, parts.observer);
    }

    /** New or changed settings: an attempt in flight is aborted, and the agent starts over. */
    public void configure(Options options) {
        post(new Configure(options));
    }

    /** Settings that cannot be used. */
    public void reject(InvalidSettingException problem) {
        post(new Reject(problem));
    }

    /** Starts the next attempt now, when one is waiting or the agent stopped after too many (kprov:retry). */
    public void retryNow() {
        post(new RetryNow());
    }

    /** The latest status, as last reported; readable from any thread. */
    public Status status() {
        return reporter.latest();
    }

    /** Aborts what is in flight, frees the session and the owner thread. Does not wait. */
    @Override
    public void close() {
        post(new Close());
    }

    private void post(Event event) {
        parts.scheduler.execute(() -> handleOwned(event));
    }

    /** Every transition, grouped by state. */
    private void handle(Event event) {
        if ((event instanceof Configure || event instanceof Reject) && state == State.APPLYING) {
            // The run ends first, applied or rolled back: two runs must never change the gateway at once.
            logger.debug("{}: new settings wait for the run being applied to end", pid);
            deferred = event;
            return;
        }
        if (event instanceof Configure) {
            if (recovered) {
                onConfigure(((Configure) event).options);
            } else {
                pending = ((Configure) event).options;
                startRecovery();
            }
            return;
        }
        if (event instanceof Recovered) {
            onRecovered(((Recovered) event).problems);
            return;
        }
        if (event instanceof Reject) {
            abortAttempt();
            options = null;
            lastError = ErrorCategory.CONFIG_INVALID;
            lastMessage = ((Reject) event).problem.getMessage();
            enter(State.MISCONFIGURED);
            return;
        }
        if (event instanceof RetryNow) {
            onRetryNow();
            return;
        }
        if (event instanceof Close) {
            abortAttempt();
            parts.scheduler.shutdown();
            return;
        }
        if (event.attempt != (attempt == null ? -1 : attempt.number)) {
            logger.debug("{}: {} of an earlier attempt ignored", pid, event);
            return;
        }
        switch (state) {
        case WAITING:
            if (event instanceof AttemptDue) {
                startAttempt();
                return;
            }
            break;
        case CONNECTING:
            if (event instanceof Connected) {
                attempt.session.subscribe(attempt.request.replySubscription());
                return;
            }
            if (event instanceof Subscribed) {
                attempt.session.publish(attempt.request.topic(), attempt.request.payload());
                arm("no PUBACK for the provision request within " + options.timeoutSeconds() + " s");
                enter(State.REQUESTING);
                return;
            }
            break;
        case REQUESTING:
            if (event instanceof Delivered) {
                arm("no final reply from the platform within " + options.timeoutSeconds()
                        + " s of the request's delivery");
                enter(State.AWAITING_REPLY);
                return;
            }
            if (event instanceof MessageArrived) {
                // The reply can overtake the PUBACK's callback; it proves delivery as well.
                onReply((MessageArrived) event);
                return;
            }
            break;
        case AWAITING_REPLY:
            if (event instanceof MessageArrived) {
                onReply((MessageArrived) event);
                return;
            }
            break;
        case APPLYING:
            if (event instanceof Applied) {
                onApplied();
                takeDeferred();
                return;
            }
            if (event instanceof ApplyFailed) {
                ApplyFailed failed = (ApplyFailed) event;
                failAttempt(failed.category, failed.message, 0);
                takeDeferred();
                return;
            }
            // The provision broker may go away while applying: notifications are best effort (8.1).
            logger.debug("{}: {} while applying ignored", pid, event);
            return;
        default:
            break;
        }
        if (state == State.CONNECTING || state == State.REQUESTING || state == State.AWAITING_REPLY) {
            if (event instanceof SessionFailed) {
                SessionFailed failed = (SessionFailed) event;
                failAttempt(failed.category, failed.message, 0);
                return;
            }
            if (event instanceof StepTimeout) {
                failAttempt(ErrorCategory.TIMEOUT, ((StepTimeout) event).what, 0);
                return;
            }
        }
        logger.debug("{}: {} ignored in {}", pid, event, state);
    }

    /** Before the first attempt: a run cut short by a crash is rolled back (PROTOCOL.md section 10). */
    private void startRecovery() {
        if (recovering) {
            return;
        }
        if (!parts.recovery.needed()) {
            onRecovered(Collections.<String> emptyList());
            return;
        }
        recovering = true;
        enter(State.RECOVERING);
        parts.recovery.recover(problems -> post(new Recovered(problems)));
    }

    private void onRecovered(List<String> problems) {
        recovering = false;
        if (!problems.isEmpty()) {
            lastError = ErrorCategory.APPLY_FAILED;
            lastMessage = "a run interrupted by a restart could not be rolled back (" + String.join("; ", problems)
                    + "); it is tried again at the next configuration change";
            enter(State.FAILED);
            return;
        }
        recovered = true;
        if (pending != null) {
            Options options = pending;
            pending = null;
            onConfigure(options);
        }
    }

    private void onRetryNow() {
        if (state == State.WAITING) {
            cancelTimer();
            startAttempt();
        } else if (state == State.FAILED && options != null && options.wantsRun()) {
            failedAttempts = 0;
            scheduleAttempt(0);
        } else {
            logger.info("{}: nothing to retry in {}", pid, state);
        }
    }

    private void onConfigure(Options newOptions) {
        abortAttempt();
        options = newOptions;
        failedAttempts = 0;
        lastError = null;
        lastMessage = "";
        // A provisioned gateway is PROVISIONED whatever enabled says: success sets enabled = false.
        State idle = newOptions.provisioned() ? State.PROVISIONED : !newOptions.enabled() ? State.DISABLED : null;
        if (idle != null) {
            if (idle != state) {
                enter(idle);
            }
            return;
        }
        scheduleAttempt(retry.firstDelayMillis(newOptions.retryIntervalSeconds()));
        // During the first-attempt delay, not when DS activates the component (STYLE.md 2).
        parts.exchange.prepare();
    }

    private void scheduleAttempt(long delayMillis) {
        int number = ++attemptSeq;
        attempt = new Attempt(number);
        nextAttemptAt = parts.scheduler.now() + delayMillis;
        timer = parts.scheduler.schedule(() -> handleOwned(new AttemptDue(number)), delayMillis);
        enter(State.WAITING);
    }

    private void startAttempt() {
        nextAttemptAt = 0;
        try {
            attempt.request = parts.exchange.newRequest(options);
        } catch (AttemptFailure e) {
            failAttempt(e.category(), e.getMessage(), 0);
            return;
        }
        if (!options.broker().tls()) {
            logger.warn("{}: connecting to {} without TLS: credentials and the provisioning package can be read and "
                    + "changed on the way", pid, options.broker());
        }
        SessionSpec spec = new SessionSpec(options.broker(), options.clientId(), options.username(),
                options.password(), options.timeoutSeconds());
        attempt.session = parts.sessions.open(spec, attempt.sessionListener(this::post));
        arm("no CONNACK or SUBACK from the provision broker within " + options.timeoutSeconds() + " s");
        enter(State.CONNECTING);
        attempt.session.connect();
    }

    private void onReply(MessageArrived message) {
        ReplyOutcome outcome = parts.exchange.onMessage(message.topic, message.payload, attempt.request);
        switch (outcome.kind()) {
        case IGNORE:
            logger.debug("{}: message on {} ignored: {}", pid, message.topic, outcome.message());
            return;
        case WAIT:
            logger.info("{}: the platform is still preparing the package of {}", pid, attempt.request);
            if (state == State.REQUESTING) {
                arm("no final reply from the platform within " + options.timeoutSeconds() + " s of the request's delivery");
                enter(State.AWAITING_REPLY);
            }
            return;
        case FAILED:
            failAttempt(outcome.error(), outcome.message(), outcome.retryAfterMillis());
            return;
        default:
            break;
        }
        cancelTimer();
        enter(State.VERIFYING);
        ReplyOutcome verified = parts.exchange.verify(outcome.signedPackage(), attempt.request, options);
        if (verified.kind() != ReplyOutcome.Kind.VERIFIED) {
            failAttempt(verified.error(), verified.message(), 0);
            return;
        }
        enter(State.APPLYING);
        parts.apply.apply(verified.verified(), attempt.link(parts.exchange), options.timeoutSeconds(),
                attempt.applyListener(this::post));
    }

    private void takeDeferred() {
        Event settings = deferred;
        deferred = null;
        if (settings != null) {
            handle(settings);
        }
    }

    private void onApplied() {
        closeSession();
        attempt = null;
        lastError = null;
        lastMessage = "";
        enter(State.PROVISIONED);
    }

    private void failAttempt(ErrorCategory error, String message, long retryAfterMillis) {
        closeSession();
        cancelTimer();
        failedAttempts++;
        lastError = error;
        lastMessage = message;
        int max = options.retryMaxAttempts();
        if (max != -1 && failedAttempts >= max) {
            attempt = null;
            lastMessage = message + " (attempt " + failedAttempts + " of " + max + "; change the configuration to "
                    + "start over)";
            enter(State.FAILED);
            return;
        }
        scheduleAttempt(retry.nextDelayMillis(options.retryIntervalSeconds(), retryAfterMillis));
    }

    private void abortAttempt() {
        closeSession();
        cancelTimer();
        attempt = null;
        nextAttemptAt = 0;
    }

    private void closeSession() {
        if (attempt != null) {
            attempt.closeSession();
        }
    }

    private void arm(String what) {
        cancelTimer();
        int number = attempt.number;
        timer = parts.scheduler.schedule(() -> handleOwned(new StepTimeout(number, what)),
                options.timeoutSeconds() * 1000L);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /**
     * Handles an event on the owner thread. A bug must not leave an attempt hanging: an unexpected failure
     * in the middle of one is logged once, with its stack, and fails that attempt like any other failure.
     */
    private void handleOwned(Event event) {
        try {
            handle(event);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a library on the gateway that does not match the one the agent was built for
            logger.error("{}: unexpected failure handling {} in {}", pid, event, state, e);
            if (attempt != null && state != State.WAITING && !state.isIdle()) {
                try {
                    failAttempt(phaseCategory(), "unexpected failure in " + state + ": " + e, 0);
                } catch (RuntimeException again) {
                    logger.error("{}: cannot recover from the failure", pid, again);
                }
            }
        }
    }

    /** What a failure in the current phase is about. */
    private ErrorCategory phaseCategory() {
        switch (state) {
        case VERIFYING:
            return ErrorCategory.INVALID_REPLY;
        case APPLYING:
            return ErrorCategory.APPLY_FAILED;
        default:
            return ErrorCategory.BROKER_UNREACHABLE;
        }
    }

    /** The one place that changes state. */
    private void enter(State to) {
        if (!parts.scheduler.isOwnerThread()) {
            throw new IllegalStateException("machine state changed outside its owner thread");
        }
        State from = state;
        state = to;
        int number = attempt == null ? failedAttempts : failedAttempts + 1;
        String requestId = attempt != null && attempt.request != null ? attempt.request.requestId() : "";
        Status status = new Status(to, number, requestId, lastError, lastMessage,
                to == State.WAITING ? nextAttemptAt : 0);
        reporter.report(from, status);
    }
}
