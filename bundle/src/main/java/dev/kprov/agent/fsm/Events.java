package dev.kprov.agent.fsm;

import dev.kprov.agent.component.InvalidSettingException;
import dev.kprov.agent.component.Options;

/**
 * What happens to the machine, as small immutable values. An event of an attempt carries its number, so
 * that a late callback of an aborted attempt is recognised and ignored.
 */
final class Events {

    private Events() {
    }

    abstract static class Event {
        /** The attempt this event belongs to, or 0 when it belongs to none. */
        final int attempt;

        Event(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + (attempt == 0 ? "" : "#" + attempt);
        }
    }

    static final class Configure extends Event {
        final Options options;

        Configure(Options options) {
            super(0);
            this.options = options;
        }
    }

    static final class Reject extends Event {
        final InvalidSettingException problem;

        Reject(InvalidSettingException problem) {
            super(0);
            this.problem = problem;
        }
    }

    static final class AttemptDue extends Event {
        AttemptDue(int attempt) {
            super(attempt);
        }
    }

    static final class Connected extends Event {
        Connected(int attempt) {
            super(attempt);
        }
    }

    static final class Subscribed extends Event {
        Subscribed(int attempt) {
            super(attempt);
        }
    }

    static final class Delivered extends Event {
        Delivered(int attempt) {
            super(attempt);
        }
    }

    static final class MessageArrived extends Event {
        final String topic;
        final byte[] payload;

        MessageArrived(int attempt, String topic, byte[] payload) {
            super(attempt);
            this.topic = topic;
            this.payload = payload;
        }
    }

    static final class SessionFailed extends Event {
        final ErrorCategory category;
        final String message;

        SessionFailed(int attempt, ErrorCategory category, String message) {
            super(attempt);
            this.category = category;
            this.message = message;
        }
    }

    static final class StepTimeout extends Event {
        final String what;

        StepTimeout(int attempt, String what) {
            super(attempt);
            this.what = what;
        }
    }

    static final class Applied extends Event {
        Applied(int attempt) {
            super(attempt);
        }
    }

    static final class ApplyFailed extends Event {
        final ErrorCategory category;
        final String message;

        ApplyFailed(int attempt, ErrorCategory category, String message) {
            super(attempt);
            this.category = category;
            this.message = message;
        }
    }

    static final class Recovered extends Event {
        final java.util.List<String> problems;

        Recovered(java.util.List<String> problems) {
            super(0);
            this.problems = problems;
        }
    }

    static final class RetryNow extends Event {
        RetryNow() {
            super(0);
        }
    }

    static final class Close extends Event {
        Close() {
            super(0);
        }
    }
}
