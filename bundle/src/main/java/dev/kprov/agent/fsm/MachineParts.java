package dev.kprov.agent.fsm;

import java.util.Random;

/** The machine's collaborators: its owner thread and clock, and the ports it works through. */
public final class MachineParts {

    final Scheduler scheduler;
    final ProvisionSession.Factory sessions;
    final Exchange exchange;
    final ApplyPort apply;
    final Recovery recovery;
    final StatusObserver observer;
    final Random random;

    public MachineParts(Scheduler scheduler, ProvisionSession.Factory sessions, Exchange exchange, ApplyPort apply,
            Recovery recovery, StatusObserver observer, Random random) {
        this.scheduler = scheduler;
        this.sessions = sessions;
        this.exchange = exchange;
        this.apply = apply;
        this.recovery = recovery;
        this.observer = observer;
        this.random = random;
    }
}
