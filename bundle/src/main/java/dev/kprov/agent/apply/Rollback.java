package dev.kprov.agent.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.fsm.Scheduler;

/**
 * Undoes what a run recorded in its journal (PROTOCOL.md section 8 step 12, and section 10): the
 * applications it installed, newest first, the factory configurations it created, the certificates it
 * added, then every configuration back to the snapshot taken at step 5. The journal is cleared only when
 * every part was undone, so that a failed rollback is tried again at the next start.
 */
final class Rollback {

    private static final Logger logger = LoggerFactory.getLogger(Rollback.class);

    private final String pid;
    private final Scheduler scheduler;
    private final GatewayPort gateway;
    private final Journal journal;

    Rollback(String pid, Scheduler scheduler, GatewayPort gateway, Journal journal) {
        this.pid = pid;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.journal = journal;
    }

    /** Runs on the owner thread; {@code done} gets the problems met (empty when all was undone). */
    void run(Journal.Record record, Consumer<List<String>> done) {
        List<String> applications = new ArrayList<>(record.installedApplications);
        Collections.reverse(applications);
        uninstall(applications, 0, new ArrayList<String>(), problems -> {
            undoSynchronousParts(record, problems);
            if (problems.isEmpty()) {
                try {
                    journal.clear();
                } catch (Exception e) {
                    problems.add("cannot clear the journal: " + e.getMessage());
                }
            }
            logger.info("{}: rolled back {}{}", pid, record, problems.isEmpty() ? "" : " with problems: " + problems);
            done.accept(problems);
        });
    }

    private void uninstall(List<String> names, int index, List<String> problems, Consumer<List<String>> then) {
        if (index == names.size()) {
            then.accept(problems);
            return;
        }
        String name = names.get(index);
        if (gateway.installedVersion(name) == null) {
            uninstall(names, index + 1, problems, then);
            return;
        }
        gateway.uninstall(name, failure -> scheduler.execute(() -> {
            if (failure != null) {
                problems.add("cannot uninstall " + name + ": " + failure);
            }
            uninstall(names, index + 1, problems, then);
        }));
    }

    private void undoSynchronousParts(Journal.Record record, List<String> problems) {
        for (String factoryPid : record.createdFactoryPids) {
            try {
                if (gateway.exists(factoryPid)) {
                    gateway.deleteFactory(factoryPid);
                }
            } catch (Exception e) {
                problems.add("cannot delete the factory configuration " + factoryPid + ": " + e.getMessage());
            }
        }
        for (String alias : record.addedCertificates) {
            try {
                gateway.untrust(alias);
            } catch (Exception e) {
                problems.add("cannot remove the certificate " + alias + ": " + e.getMessage());
            }
        }
        try {
            gateway.rollback(record.snapshotId);
        } catch (Exception e) {
            problems.add("cannot roll the configuration back to snapshot " + record.snapshotId + ": " + e.getMessage());
        }
    }
}
