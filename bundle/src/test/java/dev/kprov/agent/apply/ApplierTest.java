package dev.kprov.agent.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.fsm.ApplyPort;
import dev.kprov.agent.fsm.ErrorCategory;
import dev.kprov.agent.fsm.ManualScheduler;
import dev.kprov.agent.fsm.ProvisionLink;
import dev.kprov.agent.fsm.VerifiedPackage;
import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.agent.trust.PemCertificates;

/**
 * Applying a package (PROTOCOL.md section 8, steps 5 to 12) and recovering a run cut short (section 10),
 * on an in-memory gateway: after every outcome the gateway is fully provisioned or exactly as it was.
 */
class ApplierTest {

    static final String PID = "dev.kprov.agent.ProvisioningService";
    static final String TRANSPORT = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    static final String DATA = "org.eclipse.kura.data.DataService";

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler();
    private final FakeGateway gateway = new FakeGateway().withComponent(TRANSPORT).withComponent(DATA).withComponent(PID);
    private final List<String> link = new ArrayList<>();
    private final List<String> outcome = new ArrayList<>();
    private Journal journal;
    private String before;

    @BeforeEach
    void gateway() {
        gateway.configurations.get(TRANSPORT).put("broker-url", "mqtt://old:1883");
        journal = new Journal(dir.resolve("journal.properties"));
        before = gateway.state();
    }

    private VerifiedPackage verified(int applications) throws Exception {
        String xml = "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\">"
                + "<esf:configuration pid=\"" + TRANSPORT + "\"><esf:properties><esf:property name=\"broker-url\" "
                + "type=\"String\"><esf:value>mqtts://account:8883</esf:value></esf:property></esf:properties>"
                + "</esf:configuration><esf:configuration pid=\"acme.sensor-1\"><esf:properties>"
                + "<esf:property name=\"service.factoryPid\" type=\"String\"><esf:value>acme.sensor</esf:value>"
                + "</esf:property></esf:properties></esf:configuration></esf:configurations>";
        ProvisioningPackage.Builder content = ProvisioningPackage.builder(String.format("%032x", 7), "gw", "acme")
                .issuedAt(1).configuration(xml.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < applications; i++) {
            content.addApplication(Application.of("app" + i, "1.0." + i, new byte[] { (byte) i }));
        }
        return new VerifiedPackage(content.build(), ConfigurationXml.parse(xml.getBytes(StandardCharsets.UTF_8), PID),
                certificates(), List.of());
    }

    private static List<X509Certificate> certificates() throws Exception {
        Path pem = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance"),
                "trust/trusted-roots.pem");
        try (InputStream in = Files.newInputStream(pem)) {
            return PemCertificates.read(in, "trusted-roots.pem").subList(0, 2);
        }
    }

    private Applier applier() {
        return new Applier(PID, time, gateway, journal);
    }

    private void apply(VerifiedPackage verified) {
        time.execute(() -> applier().apply(verified, new ProvisionLink() {
            @Override
            public void notify(Notification.Status status, String message) {
                link.add(status.name());
            }

            @Override
            public void disconnect() {
                link.add("disconnect");
            }
        }, 30, new ApplyPort.Listener() {
            @Override
            public void applied() {
                outcome.add("applied");
            }

            @Override
            public void failed(ErrorCategory category, String message) {
                outcome.add(category + ": " + message);
            }
        }));
        time.runPending();
    }

    private void completeInstalls() {
        while (!gateway.pendingInstalls.isEmpty()) {
            gateway.pendingInstalls.remove(0).completed(null);
            time.runPending();
        }
    }

    private void connectAccount(String failure) {
        gateway.pendingAccount.completed(failure);
        time.runPending();
    }

    @Test
    void successChangesEverythingInOrderAndLeavesNoJournal() throws Exception {
        apply(verified(2));
        completeInstalls();
        connectAccount(null);

        assertEquals(List.of("applied"), outcome);
        assertEquals(List.of("snapshot", "trust", "trust", "install app0", "install app1", "update " + TRANSPORT,
                "createFactory acme.sensor-1", "connectAccount", "markProvisioned", "snapshot"),
                simplified(gateway.calls));
        assertEquals(List.of("APPS_INSTALLING", "APPS_INSTALLED", "CONF_UPDATING", "CONF_UPDATED", "disconnect"), link);
        assertEquals("mqtts://account:8883", gateway.configurations.get(TRANSPORT).get("broker-url"));
        assertEquals(2, gateway.truststore.size());
        assertTrue(gateway.provisioned);
        assertNull(journal.read());
    }

    private static List<String> simplified(List<String> calls) {
        List<String> out = new ArrayList<>();
        for (String call : calls) {
            out.add(call.startsWith("trust kprov-") ? "trust" : call);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "snapshot", "trust", "update", "createFactory", "markProvisioned" })
    void aFailureAtAnyStepLeavesTheGatewayExactlyAsItWas(String step) throws Exception {
        gateway.failOn = step;

        apply(verified(1));
        completeInstalls();
        if (gateway.pendingAccount != null) {
            connectAccount(null);
        }
        gateway.failOn = null;

        assertEquals(1, outcome.size());
        assertTrue(outcome.get(0).startsWith("APPLY_FAILED"), outcome.toString());
        assertEquals(before, gateway.state(), "the gateway as it was");
        assertNull(journal.read());
    }

    @Test
    void anApplicationThatFailsToInstallIsRolledBack() throws Exception {
        apply(verified(2));
        gateway.pendingInstalls.remove(0).completed(null);
        time.runPending();
        gateway.pendingInstalls.remove(0).completed("bundle does not resolve");
        time.runPending();

        assertTrue(outcome.get(0).startsWith("APPLY_FAILED: application app1 failed to install"), outcome.toString());
        assertEquals(before, gateway.state());
        assertTrue(link.contains("FAILED"), "the platform hears of the failure while still connected");
    }

    @Test
    void accountBrokerRefusingTheNewCredentialsRollsBack() throws Exception {
        apply(verified(0));
        connectAccount("not authorized");

        assertTrue(outcome.get(0).startsWith("ACCOUNT_CONNECT_FAILED"), outcome.toString());
        assertEquals(before, gateway.state());
        assertFalse(link.contains("FAILED"), "the provision broker was already left");
    }

    @Test
    void accountBrokerSilentUntilTheTimeoutRollsBack() throws Exception {
        apply(verified(0));
        gateway.accountProblem = "not authorized";

        time.advance(30_000);

        assertTrue(outcome.get(0).startsWith("ACCOUNT_CONNECT_FAILED"), outcome.toString());
        assertTrue(outcome.get(0).contains("last error: not authorized"), "what was seen is reported: " + outcome);
        assertEquals(before, gateway.state());
        connectAccount(null);
        assertEquals(1, outcome.size(), "a late connection changes nothing");
    }

    @Test
    void aPidThatIsNotOnTheGatewayIsRefusedAndRolledBack() throws Exception {
        gateway.configurations.remove(TRANSPORT);
        before = gateway.state();

        apply(verified(0));

        assertTrue(outcome.get(0).contains("not a configurable component"), outcome.toString());
        assertEquals(before, gateway.state());
    }

    @Test
    void anApplicationAlreadyInstalledAtThatVersionIsLeftAlone() throws Exception {
        gateway.installed.put("app0", "1.0.0");
        before = gateway.state();

        apply(verified(1));
        connectAccount(null);

        assertEquals(List.of("applied"), outcome);
        assertFalse(gateway.calls.contains("install app0"));
    }

    @Test
    void anUpgradeOfAnInstalledApplicationIsRefusedSinceItCouldNotBeUndone() throws Exception {
        gateway.installed.put("app0", "0.9.0");
        before = gateway.state();

        apply(verified(1));

        assertTrue(outcome.get(0).contains("could not be rolled back"), outcome.toString());
        assertEquals(before, gateway.state());
    }

    /**
     * The process dies in the middle of a run: while an application installs (0), or while waiting for the
     * account broker after the configuration was applied (1). Nothing more of that run happens; the
     * gateway starts again with the journal as the run left it.
     */
    @ParameterizedTest
    @ValueSource(ints = { 0, 1 })
    void aRunCutShortIsRolledBackAtTheNextStart(int stage) throws Exception {
        apply(verified(1));
        if (stage == 1) {
            completeInstalls();
            assertEquals("mqtts://account:8883", gateway.configurations.get(TRANSPORT).get("broker-url"));
        }

        List<List<String>> recovered = new ArrayList<>();
        time.execute(() -> applier().recover(recovered::add));
        time.runPending();

        assertEquals(List.of(List.of()), recovered);
        assertEquals(before, gateway.state());
        assertNull(journal.read());
    }

    @Test
    void aRunCutShortWhileMarkingTheGatewayProvisionedIsFinished() throws Exception {
        apply(verified(0));
        journal.write(Journal.Record.begin(String.format("%032x", 7), 100).with(Journal.Step.MARKING_PROVISIONED));

        List<List<String>> recovered = new ArrayList<>();
        time.execute(() -> applier().recover(recovered::add));
        time.runPending();

        assertEquals(List.of(List.of()), recovered);
        assertTrue(gateway.provisioned);
        assertNull(journal.read());
    }

    @Test
    void nothingToRecoverAnswersAtOnce() {
        List<List<String>> recovered = new ArrayList<>();

        applier().recover(recovered::add);

        assertEquals(List.of(List.of()), recovered);
        assertEquals(List.of(), gateway.calls);
    }

    @Test
    void aDamagedJournalIsReportedNotIgnored() throws Exception {
        Files.write(dir.resolve("journal.properties"), "step=NONSENSE\n".getBytes(StandardCharsets.UTF_8));
        List<List<String>> recovered = new ArrayList<>();

        applier().recover(recovered::add);

        assertEquals(1, recovered.get(0).size());
        assertTrue(recovered.get(0).get(0).contains("journal"), recovered.toString());
    }

    @Test
    void theJournalHoldsNoSecret() throws Exception {
        apply(verified(1));

        String written = new String(Files.readAllBytes(dir.resolve("journal.properties")), StandardCharsets.UTF_8);
        assertTrue(written.contains("application.0=app0"), written);
        assertFalse(written.contains("mqtts://account"), "no configuration value in the journal");
    }
}
