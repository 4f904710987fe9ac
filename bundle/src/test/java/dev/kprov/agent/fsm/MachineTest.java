package dev.kprov.agent.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.kprov.agent.component.InvalidSettingException;
import dev.kprov.agent.component.Options;
import dev.kprov.agent.component.OptionsFixture;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.ProvisioningPackage;

/**
 * The machine's transitions, with time under the test's control and a fake session: the test plays the
 * broker and the platform. Replies are scripted by their payload text ("202", "200", "429:300", ...).
 */
class MachineTest {

    private final ManualScheduler time = new ManualScheduler();
    private final FakeSession.Factory sessions = new FakeSession.Factory();
    private final List<Status> statuses = new ArrayList<>();
    private final List<ApplyPort.Listener> applying = new ArrayList<>();
    private final List<VerifiedPackage> applied = new ArrayList<>();
    private final Machine machine = new Machine("pid", new MachineParts(time, sessions, new ScriptedExchange(),
            (verified, link, timeout, listener) -> {
                applied.add(verified);
                applying.add(listener);
            }, Recovery.NONE, statuses::add, new Random(7)));

    /** Requests are numbered; a reply's payload text says what it is. */
    private static final class ScriptedExchange implements Exchange {
        private int requests;

        @Override
        public OutgoingRequest newRequest(Options options) {
            requests++;
            String id = id(requests);
            return new OutgoingRequest(id, "topic/request", "topic/reply/#", "topic/reply/" + id, "topic/notify/" + id,
                    id.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ReplyOutcome onMessage(String topic, byte[] payload, OutgoingRequest request) {
            if (!topic.equals(request.replyTopic())) {
                return ReplyOutcome.ignore("other request");
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            if (text.equals("202")) {
                return ReplyOutcome.waitMore();
            }
            if (text.startsWith("200")) {
                return ReplyOutcome.signedPackage(payload);
            }
            String[] parts = text.split(":");
            long retryAfter = parts.length > 1 ? Long.parseLong(parts[1]) * 1000 : 0;
            return ReplyOutcome.failed(ErrorCategory.PLATFORM_REJECTED, "platform answered " + parts[0], retryAfter);
        }

        @Override
        public byte[] notification(OutgoingRequest request, Notification.Status status, String message) {
            return status.name().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public ReplyOutcome verify(byte[] signedPackage, OutgoingRequest request, Options options) {
            String text = new String(signedPackage, StandardCharsets.UTF_8);
            if (text.equals("200 bug")) {
                throw new IllegalStateException("a bug in verification");
            }
            if (text.equals("200 tampered")) {
                return ReplyOutcome.failed(ErrorCategory.SIGNATURE_INVALID, "signature does not verify");
            }
            ProvisioningPackage content = ProvisioningPackage.builder(request.requestId(), "gw", "acme").issuedAt(1)
                    .configuration("<esf:configurations/>".getBytes(StandardCharsets.UTF_8)).build();
            return ReplyOutcome.verified(new VerifiedPackage(content, List.of(), List.of(), List.of()));
        }
    }

    /** The request id of the n-th attempt. */
    private static String id(int n) {
        return String.format("%032x", n);
    }

    private static Options options(Object... keyValues) throws InvalidSettingException {
        Map<String, Object> properties = new HashMap<>(OptionsFixture.ENABLED);
        properties.put("retry-interval", 60);
        properties.put("timeout", 60);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return OptionsFixture.parse(properties);
    }

    private void configure(Options options) {
        machine.configure(options);
        time.runPending();
    }

    private State state() {
        return statuses.get(statuses.size() - 1).state();
    }

    private Status last() {
        return statuses.get(statuses.size() - 1);
    }

    private List<State> states() {
        return statuses.stream().map(Status::state).collect(Collectors.toList());
    }

    private FakeSession session() {
        return sessions.last();
    }

    /** From WAITING: the attempt falls due, the broker accepts, the request is delivered. */
    private FakeSession startAndDeliver() {
        time.advance(time.nextTimerIn());
        FakeSession session = session();
        session.listener.connected();
        time.runPending();
        session.listener.subscribed();
        time.runPending();
        session.listener.delivered();
        time.runPending();
        return session;
    }

    private void reply(FakeSession session, String requestId, String text) {
        session.listener.messageArrived("topic/reply/" + requestId, text.getBytes(StandardCharsets.UTF_8));
        time.runPending();
    }

    @Test
    void disabledIsIdleWithNothingScheduled() throws Exception {
        configure(OptionsFixture.parse(Map.of()));

        assertEquals(List.of(State.DISABLED), states());
        assertEquals(-1, time.nextTimerIn());
        assertTrue(sessions.opened.isEmpty());
    }

    @Test
    void firstAttemptComesAfterARandomDelayOfAtMostTenSeconds() throws Exception {
        configure(options("retry-interval", 600));

        assertEquals(State.WAITING, state());
        long delay = time.nextTimerIn();
        assertTrue(delay >= 0 && delay <= 10_000, "first delay " + delay);
        assertEquals(time.now() + delay, last().nextAttemptAt());
    }

    @Test
    void firstAttemptDelayIsBoundedByAShortRetryInterval() throws Exception {
        configure(options("retry-interval", 2));

        assertTrue(time.nextTimerIn() <= 2_000, "first delay " + time.nextTimerIn());
    }

    @Test
    void happyPathSubscribesBeforePublishingAndHandsTheVerifiedPackageToApply() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        assertEquals(List.of("connect", "subscribe topic/reply/#", "publish topic/request"), session.calls);
        reply(session, id(1), "200 package");

        assertEquals(List.of(State.WAITING, State.CONNECTING, State.REQUESTING, State.AWAITING_REPLY,
                State.VERIFYING, State.APPLYING), states());
        assertEquals(id(1), applied.get(0).requestId());
        assertEquals(id(1), last().requestId());

        applying.get(0).applied();
        time.runPending();

        assertEquals(State.PROVISIONED, state());
        assertTrue(session.closed, "the provision broker session is closed once done");
        assertEquals(-1, time.nextTimerIn(), "nothing scheduled once provisioned");
        assertNull(last().error());
    }

    @Test
    void newSettingsWaitForTheRunBeingAppliedSoThatTwoRunsNeverOverlap() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();
        reply(session, id(1), "200 package");
        assertEquals(State.APPLYING, state());

        configure(options("client-id", "gw-2"));

        assertEquals(State.APPLYING, state(), "the run goes on");
        assertEquals(-1, time.nextTimerIn(), "no attempt scheduled beside it");
        assertEquals(1, applied.size());

        applying.get(0).failed(ErrorCategory.APPLY_FAILED, "rolled back");
        time.runPending();

        assertEquals(State.WAITING, state(), "then the new settings start over");
        time.advance(time.nextTimerIn());
        assertEquals("gw-2", session().spec.clientId());
    }

    @Test
    void sessionUsesTheConfiguredIdentity() throws Exception {
        configure(options("client-id", "gw-9", "username", "alice", "timeout", 17));
        time.advance(time.nextTimerIn());

        SessionSpec spec = session().spec;
        assertEquals("gw-9", spec.clientId());
        assertEquals("alice", spec.username());
        assertEquals(17, spec.timeoutSeconds());
        assertEquals("provision.example.com", spec.broker().host());
    }

    @Test
    void replyOvertakingThePubackIsHandled() throws Exception {
        configure(options());
        time.advance(time.nextTimerIn());
        FakeSession session = session();
        session.listener.connected();
        session.listener.subscribed();
        time.runPending();

        reply(session, id(1), "200 package");

        assertEquals(State.APPLYING, state());
    }

    @Test
    void accepted202KeepsWaitingOnTheSameDeadline() throws Exception {
        configure(options("timeout", 60));
        FakeSession session = startAndDeliver();

        time.advance(50_000);
        reply(session, id(1), "202");
        assertEquals(State.AWAITING_REPLY, state());

        time.advance(10_000);

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.TIMEOUT, last().error());
        assertTrue(session.closed);
    }

    @Test
    void replyForAnotherRequestIsIgnored() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();
        int before = statuses.size();

        reply(session, "someone-else", "200 package");

        assertEquals(before, statuses.size());
        assertEquals(State.AWAITING_REPLY, state());
        assertTrue(applied.isEmpty());
    }

    @Test
    void noReplyUntilTimeoutFailsTheAttemptAndRetriesWithJitter() throws Exception {
        configure(options("timeout", 30, "retry-interval", 100));
        FakeSession session = startAndDeliver();

        time.advance(29_999);
        assertEquals(State.AWAITING_REPLY, state());
        time.advance(1);

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.TIMEOUT, last().error());
        assertTrue(session.closed);
        long wait = time.nextTimerIn();
        assertTrue(wait >= 80_000 && wait <= 120_000, "retry-interval 100 s +/-20 %: " + wait);
        assertEquals(2, last().attempt(), "the next attempt is the second");
    }

    @Test
    void jitterSpreadsRetriesOverTheWholeWindow() throws Exception {
        RetryPolicy policy = new RetryPolicy(new Random(1));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long delay = policy.nextDelayMillis(100, 0);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertTrue(min >= 80_000 && min < 81_000, "min " + min);
        assertTrue(max <= 120_000 && max > 119_000, "max " + max);
    }

    @Test
    void retryAfterLongerThanTheIntervalIsHonoured() throws Exception {
        configure(options("retry-interval", 10));
        FakeSession session = startAndDeliver();

        reply(session, id(1), "429:300");

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.PLATFORM_REJECTED, last().error());
        assertEquals(300_000, time.nextTimerIn());
    }

    @Test
    void refusedConnectIsRetried() throws Exception {
        configure(options());
        time.advance(time.nextTimerIn());

        session().listener.failed(ErrorCategory.BROKER_REFUSED, "not authorized");
        time.runPending();

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.BROKER_REFUSED, last().error());
        time.advance(time.nextTimerIn());
        assertEquals(State.CONNECTING, state());
        assertEquals(2, sessions.opened.size(), "a new session for each attempt");
    }

    @Test
    void connectionLostWhileAwaitingTheReplyFailsTheAttempt() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        session.listener.failed(ErrorCategory.BROKER_UNREACHABLE, "connection lost");
        time.runPending();

        assertEquals(ErrorCategory.BROKER_UNREACHABLE, last().error());
        assertEquals(State.WAITING, state());
    }

    @Test
    void verificationFailureCarriesItsCategory() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        reply(session, id(1), "200 tampered");

        assertEquals(List.of(State.VERIFYING, State.WAITING), states().subList(states().size() - 2, states().size()));
        assertEquals(ErrorCategory.SIGNATURE_INVALID, last().error());
        assertTrue(applied.isEmpty());
    }

    @Test
    void aBugDuringAnAttemptFailsThatAttemptInsteadOfHangingIt() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        reply(session, id(1), "200 bug");

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.INVALID_REPLY, last().error());
        assertTrue(session.closed);
        time.advance(time.nextTimerIn());
        assertEquals(State.CONNECTING, state(), "the next attempt comes as usual");
    }

    @Test
    void applyFailureIsAFailedAttempt() throws Exception {
        configure(options());
        reply(startAndDeliver(), id(1), "200 package");

        applying.get(0).failed(ErrorCategory.APPLY_FAILED, "rolled back");
        time.runPending();

        assertEquals(State.WAITING, state());
        assertEquals(ErrorCategory.APPLY_FAILED, last().error());
    }

    @Test
    void maxAttemptsReachedEndsInFailedUntilTheConfigurationChanges() throws Exception {
        configure(options("retry-max-attempts", 2));
        time.advance(time.nextTimerIn());
        session().listener.failed(ErrorCategory.BROKER_UNREACHABLE, "down");
        time.runPending();
        time.advance(time.nextTimerIn());
        session().listener.failed(ErrorCategory.BROKER_UNREACHABLE, "down");
        time.runPending();

        assertEquals(State.FAILED, state());
        assertTrue(last().message().contains("attempt 2 of 2"), last().message());
        assertEquals(-1, time.nextTimerIn(), "FAILED is idle");
        assertTrue(session().closed);

        configure(options("retry-max-attempts", 2, "timeout", 61));

        assertEquals(State.WAITING, state());
        assertEquals(1, last().attempt(), "a configuration change starts over");
    }

    @Test
    void configurationChangeAbortsTheAttemptInFlightAndIgnoresItsLateCallbacks() throws Exception {
        configure(options());
        FakeSession first = startAndDeliver();

        configure(options("timeout", 45));

        assertTrue(first.closed, "the old session is closed");
        assertEquals(State.WAITING, state());
        int before = statuses.size();
        reply(first, id(1), "200 package");
        first.listener.failed(ErrorCategory.BROKER_UNREACHABLE, "late");
        time.runPending();
        assertEquals(before, statuses.size(), "late callbacks of the aborted attempt change nothing");
        assertTrue(applied.isEmpty());

        time.advance(time.nextTimerIn());
        assertEquals(State.CONNECTING, state());
        assertEquals(45, session().spec.timeoutSeconds());
    }

    @Test
    void disablingDuringAnAttemptClosesTheSessionAndSchedulesNothing() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        configure(options("enabled", false));

        assertEquals(State.DISABLED, state());
        assertTrue(session.closed);
        assertEquals(-1, time.nextTimerIn());
    }

    @Test
    void invalidSettingsAreMisconfiguredAndAbortTheAttempt() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        machine.reject(OptionsFixture.rejection(Map.of("enabled", true)));
        time.runPending();

        assertEquals(State.MISCONFIGURED, state());
        assertEquals(ErrorCategory.CONFIG_INVALID, last().error());
        assertTrue(last().message().contains("'broker-url'"));
        assertTrue(session.closed);
    }

    @Test
    void closeFreesTheSessionAndTheOwnerThread() throws Exception {
        configure(options());
        FakeSession session = startAndDeliver();

        machine.close();
        time.runPending();

        assertTrue(session.closed);
        assertTrue(time.isShutdown());
    }

    /** A machine whose recovery completes when the test says, with the problems it gives. */
    private Machine recovering(List<java.util.function.Consumer<List<String>>> recoveries) {
        Recovery pending = new Recovery() {
            @Override
            public boolean needed() {
                return true;
            }

            @Override
            public void recover(java.util.function.Consumer<List<String>> done) {
                recoveries.add(done);
            }
        };
        return new Machine("pid", new MachineParts(time, sessions, new ScriptedExchange(),
                (verified, link, timeout, listener) -> {
                }, pending, statuses::add, new Random(3)));
    }

    @Test
    void anInterruptedRunIsRecoveredBeforeTheSettingsApply() throws Exception {
        List<java.util.function.Consumer<List<String>>> recoveries = new ArrayList<>();
        Machine machine = recovering(recoveries);
        machine.configure(options());
        time.runPending();
        assertEquals(List.of(State.RECOVERING), states());
        assertEquals(-1, time.nextTimerIn(), "no attempt while recovering");

        recoveries.get(0).accept(List.of());
        time.runPending();

        assertEquals(List.of(State.RECOVERING, State.WAITING), states());
    }

    @Test
    void aRecoveryThatFailsStopsTheAgentAndIsTriedAgainAtTheNextChange() throws Exception {
        List<java.util.function.Consumer<List<String>>> recoveries = new ArrayList<>();
        Machine machine = recovering(recoveries);
        machine.configure(options());
        time.runPending();

        recoveries.get(0).accept(List.of("cannot uninstall app0"));
        time.runPending();

        assertEquals(State.FAILED, state());
        assertTrue(last().message().contains("cannot uninstall app0"), last().message());
        machine.configure(options("timeout", 20));
        time.runPending();
        assertEquals(2, recoveries.size(), "recovery is tried again");
        recoveries.get(1).accept(List.of());
        time.runPending();
        assertEquals(State.WAITING, state());
    }

    @Test
    void withNothingToRecoverRecoveringIsNeverShown() throws Exception {
        configure(options());

        assertEquals(List.of(State.WAITING), states());
    }

    @Test
    void aFailingObserverDoesNotStopTheMachine() throws Exception {
        List<State> seen = new ArrayList<>();
        Machine failing = new Machine("pid", new MachineParts(time, sessions, new ScriptedExchange(),
                (verified, link, timeout, listener) -> {
                }, Recovery.NONE, status -> {
                    seen.add(status.state());
                    throw new IllegalStateException("observer bug");
                }, new Random(1)));

        failing.configure(options());
        time.runPending();
        time.advance(time.nextTimerIn());

        assertEquals(List.of(State.WAITING, State.CONNECTING), seen);
    }
}
