package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.event.Event;

import dev.kprov.agent.itest.FaultyLink.Direction;
import dev.kprov.agent.itest.FaultyLink.Fault;
import dev.kprov.agent.itest.MqttPackets.Packet;

/**
 * The fault matrix: the whole agent against the reference platform in its own process, one fault each,
 * through a {@link FaultyLink} on loopback between the agent and the platform's broker (plain TCP, so that
 * the link sees the MQTT packets). Each row ends provisioned, or exactly as before (compared property by
 * property) with the failure's category reported and then provisioned by a later attempt once the fault is
 * gone; and no agent thread outlives the test. Each test has a platform of its own, since some kill it.
 *
 * <table>
 * <caption>rows and where they are</caption>
 * <tr><th>fault</th><th>test</th><th>end state</th></tr>
 * <tr><td>broker killed after CONNECT / SUBSCRIBE / the request / in the middle of the reply</td>
 * <td>{@link #brokerKilledAfterConnect}, {@link #brokerKilledAfterSubscribe} (disabled: defect),
 * {@link #brokerKilledAfterTheRequest}, {@link #brokerKilledInTheMiddleOfTheReply}</td><td>as before +
 * BROKER_UNREACHABLE; provisioned once the platform is back</td></tr>
 * <tr><td>platform restarted mid-run (after its 202)</td><td>{@link #platformRestartedWhileTheAgentAwaitsThePackage}</td>
 * <td>as before + BROKER_UNREACHABLE; provisioned</td></tr>
 * <tr><td>the same final reply delivered twice</td><td>{@link #sameFinalReplyDeliveredTwice}</td>
 * <td>provisioned by one run</td></tr>
 * <tr><td>a 202 after the final reply</td><td>{@link #stillWorkingAfterTheFinalReply}</td><td>provisioned by one run</td></tr>
 * <tr><td>a link that stalls (no FIN) in the middle of the reply</td><td>{@link #stalledLinkOnlyTheTimeoutSavesTheRun}</td>
 * <td>as before + TIMEOUT; provisioned</td></tr>
 * <tr><td>account broker down for part of the {@code timeout}</td><td>{@link #accountBrokerDownForPartOfTheTimeout}</td>
 * <td>provisioned by the same attempt</td></tr>
 * <tr><td>the journal's disk write failing</td><td>{@link #journalWriteFailing}</td>
 * <td>as before + APPLY_FAILED; provisioned</td></tr>
 * <tr><td>account broker refusing the new credentials</td>
 * <td>{@code ApplyAndRollbackTest.accountBrokerRefusingTheNewCredentialsLeavesTheGatewayAsItWas}</td>
 * <td>as before + ACCOUNT_CONNECT_FAILED; provisioned</td></tr>
 * <tr><td>a configuration that fails half way</td>
 * <td>{@code ApplyAndRollbackTest.configurationValueRefusedLeavesTheGatewayAsItWas}</td>
 * <td>as before + APPLY_FAILED; provisioned</td></tr>
 * <tr><td>an application that fails to install</td>
 * <td>{@code ApplyAndRollbackTest.applicationFailingToInstallLeavesTheGatewayAsItWas}</td>
 * <td>as before + APPLY_FAILED; provisioned</td></tr>
 * </table>
 */
class FaultMatrixTest extends GatewayTest {

    private static final Predicate<Packet> REPLY = p -> p.type() == MqttPackets.PUBLISH
            && p.topic().contains("/PROV-V1/REPLY/");
    /** The agent's journal and its temporary file, in the agent bundle's data area (PROTOCOL.md section 10). */
    private static final String JOURNAL_TEMPORARY = "journal.properties.tmp";

    private static final AtomicInteger gateways = new AtomicInteger();
    private Path work;
    private PlatformProcess platform;
    private int brokerPort;
    private int plainPort;
    private FaultyLink link;
    private GatewayUnderTest gateway;
    private StatusRecorder status;
    private Map<String, Object> before;

    @BeforeEach
    void prepare() throws Exception {
        clientId = "gw-fault-" + gateways.incrementAndGet();
        work = Paths.get(context.getProperty("kprov.test.dir"), "faults", clientId);
        Folders.deleteTree(work);
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--port", "0",
                "--plain-port", "0");
        brokerPort = platform.brokerPort();
        plainPort = platform.plainBrokerPort();
        link = FaultyLink.mqtt(plainPort);
        gateway = new GatewayUnderTest(context, configurationAdmin, configurationService, keystore, platform);
        status = gateway.status;
        before = GatewayState.of(configurationService, keystore, deploymentAdmin);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (link != null) {
                link.close();
            }
            if (platform != null) {
                platform.close();
            }
        }
        assertNoAgentThreadLeft();
    }

    /** Whatever the fault did to its connections, the agent settled leaves no thread behind. */
    private static void assertNoAgentThreadLeft() throws InterruptedException {
        for (Thread thread : AgentComponentTest.agentThreads()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), () -> "agent threads still alive after the test:\n"
                    + AgentComponentTest.agentThreads().stream().map(t -> t + " " + t.getState() + " at "
                            + Arrays.stream(t.getStackTrace()).limit(8).map(StackTraceElement::toString)
                                    .collect(Collectors.joining(" < ")))
                            .collect(Collectors.joining("\n")));
        }
    }

    /** The platform's request for this gateway; the delivered configuration sends it to {@code accountBroker}. */
    private void request(String accountBroker, Map<String, String> extra) throws Exception {
        ProvisionRequests requests = new ProvisionRequests(work.resolve("requests"), accountBroker);
        requests.write(clientId, clientId + "-user", password(), extra, requests.configuration(clientId));
        platform.awaitJob(clientId, "CREATED");
    }

    private void request() throws Exception {
        request(platform.brokerUrl(), Collections.emptyMap());
    }

    /**
     * The platform again, on the same ports, keys and requests. The link holds the agent's connections until the
     * platform is ready: its broker takes devices a moment before its responder has subscribed, and a request
     * in that moment gets no reply (the agent then waits for its timeout, which the stall row covers).
     */
    private void startPlatformAgain() throws Exception {
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--port",
                Integer.toString(brokerPort), "--plain-port", Integer.toString(plainPort));
        link.passHeldConnections();
    }

    /**
     * The first failed attempt is of {@code category} and left the gateway as it was. Any later failure (the
     * platform still down, say) may have another category.
     */
    private void assertFirstFailureLeftTheGatewayAsItWas(String category) throws Exception {
        Event failed = status.await(e -> ("WAITING".equals(e.getProperty("state")) || "FAILED".equals(e.getProperty("state")))
                && e.getProperty("error") != null && !"".equals(e.getProperty("error")), "a failed attempt");
        assertEquals(category, failed.getProperty("error"), failed.toString());
        assertEquals(before, GatewayState.of(configurationService, keystore, deploymentAdmin),
                "the gateway as it was, property by property, after " + failed);
    }

    private void assertProvisioned() throws Exception {
        status.awaitState("PROVISIONED");
        platform.awaitJob(clientId, "COMPLETED");
        assertTrue(dataService.isConnected(), "the gateway is on its account broker");
        assertEquals(Boolean.TRUE, configurationService.getComponentConfiguration(AgentConfig.PID)
                .getConfigurationProperties().get("provisioned"));
    }

    /** One run applied the package: the attempt that provisioned went through APPLYING once, then PROVISIONED. */
    private void assertOneRun() {
        List<String> seen = status.states();
        assertEquals(1, Collections.frequency(seen, "APPLYING"), "phases seen: " + seen);
        assertEquals(List.of("APPLYING", "PROVISIONED"), seen.subList(seen.size() - 2, seen.size()), "phases: " + seen);
    }

    /** The broker process dies (SIGKILL) right after {@code which} went through; it comes back later. */
    private void brokerKilled(Direction direction, Predicate<Packet> which, Fault fault) throws Exception {
        link.arm(direction, which, fault);
        request();
        agent(link.url("mqtt")).write();
        link.awaitFault();
        link.holdNewConnections(); // until the platform is ready again: see startPlatformAgain
        platform.kill();

        assertFirstFailureLeftTheGatewayAsItWas("BROKER_UNREACHABLE");
        startPlatformAgain();
        assertProvisioned();
    }

    @Test
    void brokerKilledAfterConnect() throws Exception {
        brokerKilled(Direction.TO_BROKER, p -> p.type() == MqttPackets.CONNECT, Fault.FREEZE_AFTER);
    }

    @Test
    void brokerKilledAfterSubscribe() throws Exception {
        brokerKilled(Direction.TO_BROKER, p -> p.type() == MqttPackets.SUBSCRIBE, Fault.FREEZE_AFTER);
    }

    @Test
    void brokerKilledAfterTheRequest() throws Exception {
        brokerKilled(Direction.TO_BROKER, p -> p.type() == MqttPackets.PUBLISH && p.topic().endsWith("/POST/provision"),
                Fault.FREEZE_AFTER);
    }

    @Test
    void brokerKilledInTheMiddleOfTheReply() throws Exception {
        brokerKilled(Direction.TO_CLIENT, REPLY, Fault.FREEZE_INSIDE);
    }

    /**
     * The platform stops (SIGTERM) once it has answered 202 and while it prepares the package, and starts
     * again: the agent must not wait on a session that is gone.
     */
    @Test
    void platformRestartedWhileTheAgentAwaitsThePackage() throws Exception {
        request(platform.brokerUrl(), Map.of("prepare.seconds", "2"));
        agent(link.url("mqtt")).write();
        platform.await(line -> line.startsWith("job " + clientId + " STARTED"), StatusRecorder.TIMEOUT);
        status.awaitState("AWAITING_REPLY");
        link.holdNewConnections();
        platform.close();

        assertFirstFailureLeftTheGatewayAsItWas("BROKER_UNREACHABLE");
        startPlatformAgain();
        assertProvisioned();
    }

    /** The final reply comes again as a new message (not a DUP redelivery): it must not start a second run. */
    @Test
    void sameFinalReplyDeliveredTwice() throws Exception {
        link.arm(Direction.TO_CLIENT, REPLY, Fault.REPEAT);
        request();

        agent(link.url("mqtt")).write();

        assertProvisioned();
        link.awaitFault();
        assertOneRun();
    }

    @Test
    void stillWorkingAfterTheFinalReply() throws Exception {
        link.arm(Direction.TO_CLIENT, REPLY, Fault.FOLLOW_WITH_202);
        request();

        agent(link.url("mqtt")).write();

        assertProvisioned();
        link.awaitFault();
        assertOneRun();
    }

    /** Half a reply, then nothing, and the connection stays open: only the agent's own timeout ends it. */
    @Test
    void stalledLinkOnlyTheTimeoutSavesTheRun() throws Exception {
        link.arm(Direction.TO_CLIENT, REPLY, Fault.FREEZE_INSIDE);
        request();

        agent(link.url("mqtt")).set("timeout", 3).write();
        link.awaitFault();

        assertFirstFailureLeftTheGatewayAsItWas("TIMEOUT");
        assertProvisioned();
    }

    /** The account broker refuses connections for a while (a few of the data service's attempts), then is up. */
    @Test
    void accountBrokerDownForPartOfTheTimeout() throws Exception {
        try (FaultyLink accountBroker = FaultyLink.tcp(brokerPort)) {
            accountBroker.refuseNext(3);
            request(accountBroker.url("mqtts"), Collections.emptyMap());

            agent(link.url("mqtt")).set("timeout", 15).write();

            accountBroker.awaitRefused(3);
            assertProvisioned();
            assertOneRun();
        }
    }

    /**
     * The journal cannot be written (a directory stands where its temporary file goes; root writes past
     * any file mode): the run must change nothing and say why. Once the directory is gone, it provisions.
     */
    @Test
    void journalWriteFailing() throws Exception {
        Bundle agentBundle = Arrays.stream(context.getBundles())
                .filter(b -> "dev.kprov.agent".equals(b.getSymbolicName())).findFirst().orElseThrow();
        File blocker = agentBundle.getBundleContext().getDataFile(JOURNAL_TEMPORARY);
        Files.createDirectories(blocker.toPath().resolve("not-a-journal"));
        try {
            request();
            agent(link.url("mqtt")).set("retry-max-attempts", 1).write();

            Event failed = status.awaitState("FAILED");
            assertEquals("APPLY_FAILED", failed.getProperty("error"), failed.toString());
            assertTrue(((String) failed.getProperty("message")).contains("journal"), failed.toString());
            assertEquals(before, GatewayState.of(configurationService, keystore, deploymentAdmin),
                    "the gateway as it was, property by property");
        } finally {
            Folders.deleteTree(blocker.toPath());
        }

        agent(link.url("mqtt")).write();

        assertProvisioned();
    }
}
