package dev.kprov.bench.micro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.DeviceField;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.agent.trust.TrustException;
import dev.kprov.agent.trust.VerifiedContent;

/**
 * Each benchmark method run once on its set-up state, outside JMH: what it measures must be a success
 * the agent would act on, never an exception or a rejection measured fast.
 */
class MicroBenchmarksTest {

    private static final PayloadCodecBench PAYLOADS = new PayloadCodecBench();
    private static final PackageVerifierBench VERIFIER = new PackageVerifierBench();
    private static final ConfigurationXmlBench XML = new ConfigurationXmlBench();

    private static PayloadCodecBench.Request request;
    private static PayloadCodecBench.Reply reply;
    private static PackageVerifierBench.Rsa2048 rsa;
    private static PackageVerifierBench.EcdsaP256 ecdsa;

    @BeforeAll
    static void setUpStates() throws Exception {
        request = new PayloadCodecBench.Request();
        request.setUp();
        reply = new PayloadCodecBench.Reply();
        reply.setUp();
        rsa = new PackageVerifierBench.Rsa2048();
        rsa.setUpRsa();
        ecdsa = new PackageVerifierBench.EcdsaP256();
        ecdsa.setUpEcdsa();
    }

    @Test
    void theEncodedRequestDecodesBackToTheRequestTheAgentSent() throws Exception {
        byte[] wire = PAYLOADS.encodeRequest(request);
        assertArrayEquals(request.wire, wire);

        Payload decoded = PayloadCodec.decode(wire);
        assertEquals(request.payload, decoded);
        ProvisionRequest read = ProvisionRequest.fromPayload(PAYLOADS.decodeRequest(request));
        assertEquals(Samples.REQUEST_ID, read.requestId());
        assertEquals(Samples.CLIENT_ID, read.clientId());
        assertTrue(read.hasActivationKey());
        assertEquals(DeviceField.values().length, read.deviceFields().size(), "every device field is sent");
    }

    @Test
    void theEncodedReplyDecodesBackToTheSignedPackage() throws Exception {
        byte[] wire = PAYLOADS.encodeReply(reply);
        assertArrayEquals(reply.wire, wire);

        ProvisionReply read = ProvisionReply.fromPayload(PAYLOADS.decodeReply(reply));
        assertTrue(read.isOk());
        assertEquals(Samples.REQUEST_ID, read.requestId());
        assertArrayEquals(reply.signedPackage, read.body().orElseThrow());
        assertTrue(wire.length > 3_000 && wire.length < 6_000, "a reply of about 4 KB, not " + wire.length);
    }

    @Test
    void theVerifierAcceptsTheRsa2048PackageAndItsChain() throws Exception {
        VerifiedContent verified = VERIFIER.verifyRsa2048(rsa);

        assertEquals(3, verified.certificates().size(), "signer, intermediate, root");
        RSAPublicKey key = assertInstanceOf(RSAPublicKey.class, verified.signer().getPublicKey());
        assertEquals(2048, key.getModulus().bitLength());
        assertBoundToTheRequest(verified);
    }

    @Test
    void theVerifierAcceptsTheEcdsaP256PackageAndItsChain() throws Exception {
        VerifiedContent verified = VERIFIER.verifyEcdsaP256(ecdsa);

        assertEquals(3, verified.certificates().size(), "signer, intermediate, root");
        ECPublicKey key = assertInstanceOf(ECPublicKey.class, verified.signer().getPublicKey());
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertBoundToTheRequest(verified);
    }

    /** The measured call does the whole check: an altered package or an unknown root is refused. */
    @Test
    void theMeasuredVerificationChecksSignatureAndTrust() {
        byte[] altered = rsa.signedPackage.clone();
        int at = indexOf(altered, Samples.ACCOUNT.getBytes(StandardCharsets.UTF_8));
        altered[at] ^= 0x01;
        TrustException forged = assertThrows(TrustException.class,
                () -> rsa.verifier.verify(altered, rsa.anchors, true));
        assertEquals(TrustException.Kind.SIGNATURE_INVALID, forged.kind());

        TrustException unknownRoot = assertThrows(TrustException.class,
                () -> rsa.verifier.verify(rsa.signedPackage, ecdsa.anchors, true));
        assertEquals(TrustException.Kind.UNTRUSTED_CHAIN, unknownRoot.kind());
    }

    @Test
    void theSnapshotYieldsItsSevenConfigurationsWithTypedValues() throws Exception {
        ConfigurationXmlBench.Snapshot snapshot = new ConfigurationXmlBench.Snapshot();
        snapshot.setUp();

        List<ComponentSettings> settings = XML.parse(snapshot);

        assertEquals(List.of(Samples.TRANSPORT_PID, Samples.DATA_SERVICE_PID, Samples.CLOUD_SERVICE_PID,
                Samples.CLOCK_PID, Samples.POSITION_PID, Samples.REST_PID, Samples.PUBLISHER_PID),
                settings.stream().map(ComponentSettings::pid).toList());
        Map<String, Object> transport = settings.get(0).properties();
        assertEquals(ConfigurationXmlBench.PASSWORD_CLASS, transport.get("password").getClass().getName());
        assertEquals(30, transport.get("keep-alive"));
        assertEquals(Boolean.TRUE, settings.get(1).properties().get("connect.auto-on-startup"));
        assertEquals(45.4642, settings.get(4).properties().get("latitude"));
        assertArrayEquals(new Integer[] {443, 8443}, (Integer[]) settings.get(5).properties().get("allowed.ports"));
        assertEquals(Samples.PUBLISHER_FACTORY_PID, settings.get(6).factoryPid());
        assertEquals(69, settings.stream().mapToInt(s -> s.properties().size()).sum());
    }

    private static void assertBoundToTheRequest(VerifiedContent verified) throws Exception {
        ProvisioningPackage content = ProvisioningPackage.fromPayload(PayloadCodec.decodePlain(verified.content()));
        content.checkBoundTo(Samples.REQUEST_ID, Samples.CLIENT_ID);
        assertEquals(Samples.ACCOUNT, content.accountName());
        assertTrue(Arrays.equals(Samples.accountConnection(), content.configuration()));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found in the package");
    }
}
