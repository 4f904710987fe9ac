package dev.kprov.agent.apply;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.agent.fsm.ApplyPort;
import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.ProvisionLink;
import dev.kprov.agent.fsm.Scheduler;
import dev.kprov.agent.fsm.VerifiedPackage;
import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.Notification;

/**
 * One application of a verified package (PROTOCOL.md section 8, steps 5 to 12), as short tasks on the
 * machine's owner thread. The journal is written before each change, so that whatever a crash
 * interrupts can be undone; any failure rolls back all that the run did.
 */
final class Run {

    private static final Logger logger = LoggerFactory.getLogger(Run.class);
    /** Installing a deployment package may take longer than a network round trip. */
    private static final long MIN_INSTALL_TIMEOUT_MILLIS = 60_000;

    private final String pid;
    private final Scheduler scheduler;
    private final GatewayPort gateway;
    private final Journal journal;
    private final VerifiedPackage verified;
    private final ProvisionLink link;
    private final int timeoutSeconds;
    private final ApplyPort.Listener listener;

    private Journal.Record record;
    private Scheduler.Cancellable deadline;
    private boolean finished;
    private boolean leftProvisionBroker;

    Run(String pid, Scheduler scheduler, GatewayPort gateway, Journal journal, VerifiedPackage verified,
            ProvisionLink link, int timeoutSeconds, ApplyPort.Listener listener) {
        this.pid = pid;
        this.scheduler = scheduler;
        this.gateway = gateway;
        this.journal = journal;
        this.verified = verified;
        this.link = link;
        this.timeoutSeconds = timeoutSeconds;
        this.listener = listener;
    }

    void start() {
        step("begin the run (rollback snapshot, journal, certificates)", () -> {
            long snapshot = gateway.snapshot();
            record = Journal.Record.begin(verified.requestId(), snapshot);
            journal.write(record);
            storeCertificates();
        });
    }

    /** Step 6: the CMS certificates and the account broker's CAs, as trusted entries. */
    private void storeCertificates() throws Exception {
        List<X509Certificate> certificates = new ArrayList<>(verified.signerChain());
        certificates.addAll(verified.brokerCas());
        for (X509Certificate certificate : certificates) {
            String alias = Aliases.of(certificate);
            if (gateway.trusted(alias) == null && !record.addedCertificates.contains(alias)) {
                record = record.withCertificate(alias);
                journal.write(record);
                gateway.trust(alias, certificate);
            }
        }
        record = record.with(Journal.Step.CERTIFICATES_STORED);
        journal.write(record);
        if (verified.content().applications().isEmpty()) {
            applyConfiguration();
        } else {
            link.notify(Notification.Status.APPS_INSTALLING, "");
            install(0);
        }
    }

    /** Step 7: the applications, in order. */
    private void install(int index) throws Exception {
        List<Application> applications = verified.content().applications();
        if (index == applications.size()) {
            record = record.with(Journal.Step.APPLICATIONS_INSTALLED);
            journal.write(record);
            link.notify(Notification.Status.APPS_INSTALLED, "");
            applyConfiguration();
            return;
        }
        Application application = applications.get(index);
        String installed = gateway.installedVersion(application.name());
        if (application.version().equals(installed)) {
            logger.info("{}: application {} {} is already installed", pid, application.name(), installed);
            install(index + 1);
            return;
        }
        if (installed != null) {
            // An upgrade could not be undone: the earlier version's file is not kept by Kura's agent.
            fail(ErrorCategory.APPLY_FAILED, "application " + application.name() + " " + installed + " is installed; "
                    + "the package brings version " + application.version() + ", which could not be rolled back");
            return;
        }
        record = record.withApplication(application.name());
        journal.write(record);
        arm(Math.max(MIN_INSTALL_TIMEOUT_MILLIS, timeoutSeconds * 1000L), ErrorCategory.APPLY_FAILED,
                "application " + application.name() + " was not installed in time");
        logger.info("{}: installing application {} {}", pid, application.name(), application.version());
        gateway.install(application, failure -> scheduler.execute(() -> {
            if (finished) {
                return;
            }
            disarm();
            if (failure != null) {
                fail(ErrorCategory.APPLY_FAILED, "application " + application.name() + " failed to install: " + failure);
                return;
            }
            step("continue after " + application.name(), () -> install(index + 1));
        }));
    }

    /** Step 8: the configuration, through ConfigurationService; factory instances created when missing. */
    private void applyConfiguration() throws Exception {
        link.notify(Notification.Status.CONF_UPDATING, "");
        for (ComponentSettings settings : verified.settings()) {
            String factoryPid = settings.factoryPid();
            if (factoryPid != null && !gateway.exists(settings.pid())) {
                record = record.withFactory(settings.pid());
                journal.write(record);
                gateway.createFactory(factoryPid, settings.pid(), settings.properties());
            } else if (!gateway.isConfigurable(settings.pid())) {
                fail(ErrorCategory.APPLY_FAILED, "the package configures " + settings.pid()
                        + ", which is not a configurable component on this gateway");
                return;
            } else {
                gateway.update(settings.pid(), settings.properties());
            }
        }
        record = record.with(Journal.Step.CONFIGURATION_APPLIED);
        journal.write(record);
        link.notify(Notification.Status.CONF_UPDATED, "");
        leaveProvisionBroker();
    }

    /** Steps 9 and 10: leave the provision broker, then the account broker must accept the connection. */
    private void leaveProvisionBroker() throws Exception {
        link.disconnect();
        leftProvisionBroker = true;
        record = record.with(Journal.Step.PROVISION_BROKER_LEFT);
        journal.write(record);
        arm(timeoutSeconds * 1000L, ErrorCategory.ACCOUNT_CONNECT_FAILED,
                "the account broker did not accept the connection within " + timeoutSeconds + " s");
        gateway.connectAccount(failure -> scheduler.execute(() -> {
            if (finished) {
                return;
            }
            disarm();
            if (failure != null) {
                fail(ErrorCategory.ACCOUNT_CONNECT_FAILED, "cannot connect to the account broker: " + failure);
                return;
            }
            step("mark the gateway provisioned", this::markProvisioned);
        }));
    }

    /** Step 11. */
    private void markProvisioned() throws Exception {
        record = record.with(Journal.Step.ACCOUNT_CONNECTED);
        journal.write(record);
        record = record.with(Journal.Step.MARKING_PROVISIONED);
        journal.write(record);
        gateway.markProvisioned();
        gateway.snapshot();
        journal.clear();
        finished = true;
        logger.info("{}: provisioned by {} for account {}", pid, verified.requestId(), verified.content().accountName());
        listener.applied();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs a step; an exception fails the run with the step named. */
    private void step(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            logger.debug("{}: cannot {}", pid, what, e);
            fail(ErrorCategory.APPLY_FAILED, "cannot " + what + ": " + e.getMessage());
        }
    }

    private void arm(long millis, ErrorCategory category, String message) {
        disarm();
        deadline = scheduler.schedule(() -> {
            if (!finished) {
                String problem = category == ErrorCategory.ACCOUNT_CONNECT_FAILED ? gateway.accountProblem() : null;
                fail(category, problem == null ? message : message + "; last error: " + problem);
            }
        }, millis);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }

    /** Step 12: roll back all of it, then report the failure. */
    private void fail(ErrorCategory category, String message) {
        if (finished) {
            return;
        }
        finished = true;
        disarm();
        logger.warn("{}: applying {} failed: {}; rolling back", pid, verified, message);
        if (!leftProvisionBroker) {
            link.notify(Notification.Status.FAILED, message);
        }
        if (record == null) {
            listener.failed(category, message);
            return;
        }
        new Rollback(pid, scheduler, gateway, journal).run(record, problems -> listener.failed(category,
                problems.isEmpty() ? message : message + "; rollback incomplete: " + String.join("; ", problems)));
    }
}
