package dev.kprov.agent.apply;

import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.fsm.ApplyPort;
import dev.kprov.agent.fsm.ProvisionLink;
import dev.kprov.agent.fsm.Recovery;
import dev.kprov.agent.fsm.Scheduler;
import dev.kprov.agent.fsm.VerifiedPackage;

/**
 * Applies verified packages to the gateway (PROTOCOL.md section 8, steps 5 to 12), and at start puts
 * right a run that a crash cut short (section 10): the gateway ends fully provisioned or exactly as it was.
 */
public final class Applier implements ApplyPort, Recovery {

    private static final Logger logger = LoggerFactory.getLogger(Applier.class);

    private final String pid;
    private final Scheduler scheduler;
    private final GatewayPort gateway;
    private final Journal journal;

    public Applier(String pid, Scheduler scheduler, GatewayPort gateway, Journal journal) {
        this.pid = pid;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.journal = journal;
    }

    /** Called on the owner thread. */
    @Override
    public void apply(VerifiedPackage verified, ProvisionLink link, int timeoutSeconds, Listener listener) {
        new Run(pid, scheduler, gateway, journal, verified, link, timeoutSeconds, listener).start();
    }

    /** A journal is there: the gateway stopped in the middle of a run. */
    @Override
    public boolean needed() {
        return journal.exists();
    }

    /**
     * On the owner thread, before anything else: a run recorded past step 4 and not finished is rolled
     * back, or, if it was marking the gateway provisioned (step 11), finished. {@code done} gets the
     * problems met, empty when the gateway is consistent.
     */
    @Override
    public void recover(Consumer<List<String>> done) {
        Journal.Record record;
        try {
            record = journal.read();
        } catch (Exception e) {
            done.accept(Collections.singletonList("cannot read the journal: " + e.getMessage()));
            return;
        }
        if (record == null) {
            done.accept(Collections.<String> emptyList());
            return;
        }
        if (record.step == Journal.Step.MARKING_PROVISIONED) {
            logger.warn("{}: the gateway stopped while {} was finishing; finishing it", pid, record);
            try {
                gateway.markProvisioned();
                gateway.snapshot();
                journal.clear();
                done.accept(Collections.<String> emptyList());
            } catch (Exception e) {
                done.accept(Collections.singletonList("cannot finish " + record + ": " + e.getMessage()));
            }
            return;
        }
        logger.warn("{}: the gateway stopped in the middle of {}; rolling it back", pid, record);
        new Rollback(pid, scheduler, gateway, journal).run(record, done);
    }
}
