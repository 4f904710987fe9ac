package dev.kprov.agent.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.kprov.agent.apply.Applier;
import dev.kprov.agent.apply.FakeGateway;
import dev.kprov.agent.apply.Journal;
import dev.kprov.agent.component.OptionsFixture;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.agent.trust.PemCertificates;
import dev.kprov.agent.trust.TestPackages;
import dev.kprov.agent.trust.TestPki;

/**
 * A hostile platform against the whole agent but the network: the machine, the real exchange and
 * verifier, the real applier with its journal, over a gateway in memory. The platform answers the
 * agent's request with what an attacker (or a broken platform) could send: the conformance vectors made
 * with OpenSSL and an independent encoder, and packages signed by a trusted signer but carrying hostile
 * configuration XML. Each must fail the attempt with its category, and the gateway must not have been
 * touched at all: no call reached it, and no journal was written.
 */
class HostilePlatformTest {

    private static final String PID = "dev.kprov.agent.ProvisioningService";
    private static final String OTHER_PID = "org.eclipse.kura.core.data.transport.mqtt.MqttDataTransport";
    /** Inside the conformance vectors' validity (2026 to 2036) and the test PKI's. */
    private static final Clock GATEWAY_CLOCK = Clock.fixed(TestPki.NOW, ZoneOffset.UTC);
    private static final TestPki.Chain PLATFORM = TestPki.Chain.rsa("hostile platform");

    private static Path conformance;
    private static List<X509Certificate> conformanceRoots;
    private static String conformanceRequestId;
    private static String conformanceClientId;

    @TempDir
    Path data;

    private final ManualScheduler time = new ManualScheduler();
    private final FakeSession.Factory sessions = new FakeSession.Factory();
    private final List<Status> statuses = new ArrayList<>();
    private final FakeGateway gateway = new FakeGateway().withComponent(OTHER_PID).withComponent(PID);

    @BeforeAll
    static void load() throws Exception {
        conformance = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance"));
        try (InputStream in = Files.newInputStream(conformance.resolve("trust/trusted-roots.pem"))) {
            conformanceRoots = PemCertificates.read(in, "trusted-roots.pem");
        }
        String index = new String(Files.readAllBytes(conformance.resolve("index.json")), StandardCharsets.UTF_8);
        conformanceRequestId = index.replaceAll("(?s).*\"request\\.id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
        conformanceClientId = index.replaceAll("(?s).*\"client\\.id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** The agent, asking with the given request-id bytes, trusting both the conformance roots and ours. */
    private Machine agent(SecureRandom requestIds) {
        List<X509Certificate> anchors = new ArrayList<>(conformanceRoots);
        anchors.addAll(PLATFORM.anchors());
        Exchange exchange = new ProtocolExchange(requestIds, Collections::emptyMap, () -> anchors,
                new PackageVerifier(GATEWAY_CLOCK), PID);
        Applier applier = new Applier(PID, time, gateway, new Journal(data.resolve("journal.properties")));
        return new Machine(PID, new MachineParts(time, sessions, exchange, applier, applier, statuses::add,
                new Random(7)));
    }

    /** Runs an attempt up to the request's delivery; returns the reply topic of the request. */
    private String askAs(Machine machine, String clientId) throws Exception {
        machine.configure(OptionsFixture.parse(Map.of("enabled", true, "broker-url", "mqtts://provision.example.com",
                "client-id", clientId, "retry-interval", 60, "timeout", 60)));
        time.runPending();
        time.advance(time.nextTimerIn());
        FakeSession session = sessions.last();
        session.listener.connected();
        time.runPending();
        session.listener.subscribed();
        time.runPending();
        session.listener.delivered();
        time.runPending();
        String subscription = session.calls.get(1).substring("subscribe ".length());
        return subscription.substring(0, subscription.length() - 1) + last().requestId();
    }

    private void answer(String topic, byte[] reply) {
        sessions.last().listener.messageArrived(topic, reply);
        time.runPending();
    }

    private Status last() {
        return statuses.get(statuses.size() - 1);
    }

    private void assertRejectedWithNothingTouched(ErrorCategory expected, String before) {
        Status failed = last();
        assertEquals(State.WAITING, failed.state(), failed.toString());
        assertEquals(expected, failed.error(), failed.toString());
        assertTrue(statuses.stream().noneMatch(s -> s.state() == State.APPLYING), "never applied: " + statuses);
        assertTrue(gateway.calls.isEmpty(), "the gateway was not touched: " + gateway.calls);
        assertEquals(before, gateway.state());
        assertFalse(Files.exists(data.resolve("journal.properties")), "no journal");
    }

    /** Request ids as the conformance vectors were made for (their request.id). */
    private static SecureRandom conformanceRequestIds() {
        byte[] id = new byte[conformanceRequestId.length() / 2];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) Integer.parseInt(conformanceRequestId.substring(2 * i, 2 * i + 2), 16);
        }
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(id, 0, bytes, 0, Math.min(id.length, bytes.length));
            }
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "replies/bad-untrusted.bin, UNTRUSTED_CHAIN",
            "replies/bad-signer-key-usage.bin, UNTRUSTED_CHAIN",
            "replies/bad-intermediate-not-ca.bin, UNTRUSTED_CHAIN",
            "replies/bad-sha1.bin, SIGNATURE_INVALID",
            "replies/bad-tampered.bin, SIGNATURE_INVALID",
            "replies/bad-other-request.bin, INVALID_REPLY",
            "replies/bad-other-client.bin, INVALID_REPLY",
            "replies/bad-app-hash.bin, INVALID_REPLY",
            "replies/bad-gzip-bomb.bin, INVALID_REPLY",
            "replies/bad-too-many-metrics.bin, INVALID_REPLY",
            "replies/bad-not-cms.bin, INVALID_REPLY" })
    void aHostileReplyIsRejectedWithItsCategoryAndTouchesNothing(String file, ErrorCategory expected) throws Exception {
        Machine machine = agent(conformanceRequestIds());
        String before = gateway.state();
        String topic = askAs(machine, conformanceClientId);
        assertEquals(conformanceRequestId, last().requestId(), "the agent asked as the vectors expect");

        answer(topic, Files.readAllBytes(conformance.resolve(file)));

        assertRejectedWithNothingTouched(expected, before);
    }

    @Test
    void anRsaKeyUnder2048BitsIsRejectedAndTouchesNothing() throws Exception {
        Machine machine = agent(conformanceRequestIds());
        String before = gateway.state();
        String topic = askAs(machine, conformanceClientId);

        answer(topic, Files.readAllBytes(conformance.resolve("replies/bad-rsa1024.bin")));

        ErrorCategory category = last().error();
        assertTrue(category == ErrorCategory.SIGNATURE_INVALID || category == ErrorCategory.UNTRUSTED_CHAIN,
                last().toString());
        assertRejectedWithNothingTouched(category, before);
    }

    /** The control: the same harness lets a well-formed, trusted package through to apply. */
    @Test
    void aTrustedPackageReachesApply() throws Exception {
        Machine machine = agent(conformanceRequestIds());
        String topic = askAs(machine, conformanceClientId);

        answer(topic, Files.readAllBytes(conformance.resolve("replies/ok-rsa-pkcs1.bin")));

        assertTrue(statuses.stream().anyMatch(s -> s.state() == State.APPLYING), statuses.toString());
        assertTrue(gateway.calls.contains("snapshot"), gateway.calls.toString());
    }

    /** The control of the next: the same signed package with a good configuration reaches apply. */
    @Test
    void aTrustedPackageWithAGoodConfigurationReachesApply() throws Exception {
        Machine machine = agent(new SecureRandom());
        String topic = askAs(machine, "00E0C7A1B2C3");

        answer(topic, signedReply(last().requestId(), "00E0C7A1B2C3", xml("xml/ok.xml")));

        assertTrue(statuses.stream().anyMatch(s -> s.state() == State.APPLYING), statuses.toString());
    }

    /** Signed by a trusted platform, well formed on the wire: only the configuration is hostile. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "xml/bad-xxe.xml", "xml/bad-billion-laughs.xml", "xml/bad-too-many-properties.xml",
            "xml/bad-own-pid.xml", "a DTD", "not XML" })
    void aTrustedPackageWithHostileConfigurationIsRejectedAndTouchesNothing(String document) throws Exception {
        Machine machine = agent(new SecureRandom());
        String before = gateway.state();
        String topic = askAs(machine, "00E0C7A1B2C3");

        answer(topic, signedReply(last().requestId(), "00E0C7A1B2C3", xml(document)));

        assertRejectedWithNothingTouched(ErrorCategory.INVALID_REPLY, before);
    }

    private static byte[] xml(String document) throws Exception {
        switch (document) {
        case "a DTD":
            return ("<?xml version=\"1.0\"?><!DOCTYPE esf:configurations [<!ELEMENT esf:configurations ANY>]>"
                    + "<esf:configurations xmlns:esf=\"http://eurotech.com/esf/2.0\"/>").getBytes(StandardCharsets.UTF_8);
        case "not XML":
            return "{\"configurations\": []}".getBytes(StandardCharsets.UTF_8);
        default:
            return Files.readAllBytes(conformance.resolve(document));
        }
    }

    private static byte[] signedReply(String requestId, String clientId, byte[] configuration) {
        // The agent's own builder refuses a configuration past the bounds: copy its metrics but that one.
        Payload wellFormed = ProvisioningPackage.builder(requestId, clientId, "acme")
                .issuedAt(TestPki.NOW.toEpochMilli()).configuration(new byte[] { '<' }).build().toPayload();
        Payload.Builder content = Payload.builder();
        for (String name : wellFormed.metricNames()) {
            if (!name.equals(ProvisioningPackage.CONFIGURATION)) {
                content.add(name, wellFormed.value(name).get());
            }
        }
        content.addBytes(ProvisioningPackage.CONFIGURATION, configuration);
        byte[] signed = TestPackages.signedBy(PLATFORM.signer(), PLATFORM.withoutRoot())
                .content(PayloadCodec.encode(content.build())).der();
        return PayloadCodec.encode(ProvisionReply.ok(requestId, signed).toPayload());
    }
}
