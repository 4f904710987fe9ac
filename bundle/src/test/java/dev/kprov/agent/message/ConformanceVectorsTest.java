package dev.kprov.agent.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The independent vectors of shared/conformance (written by an encoder that shares no code with kprov):
 * every reply decodes, except the three made to be rejected by the codec, and the provisioning packages
 * inside them read as PROTOCOL.md section 6.1 says. Signatures are the trust package's business; this test
 * only takes the signed content out of the CMS envelope.
 */
class ConformanceVectorsTest {

    private static final Set<String> REJECTED_BY_CODEC = new TreeSet<>(
            Arrays.asList("bad-truncated.bin", "bad-too-many-metrics.bin", "bad-gzip-bomb.bin"));

    private static Path replies;
    private static String requestId;
    private static String clientId;

    @BeforeAll
    static void findVectors() throws IOException {
        Path dir = Paths.get(System.getProperty("kprov.conformance.dir", "../../shared/conformance"))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            fail("conformance vectors not found at " + dir + " (expected index.json there); they live in the "
                    + "project's shared/conformance folder: pass -Dkprov.conformance.dir=/path/to/shared/conformance");
        }
        replies = dir.resolve("replies");
        String index = new String(Files.readAllBytes(dir.resolve("index.json")), StandardCharsets.UTF_8);
        requestId = field(index, "request.id");
        clientId = field(index, "client.id");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), "index.json has no " + name);
        return m.group(1);
    }

    private static byte[] read(String name) throws IOException {
        return Files.readAllBytes(replies.resolve(name));
    }

    private static Set<String> replyFiles() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(replies)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".bin")).forEach(names::add);
        }
        names.remove("request-example.bin");
        assertTrue(names.size() >= 20, "only " + names.size() + " reply vectors in " + replies);
        return names;
    }

    @Test
    void everyReplyDecodesExceptThoseMadeToBeRejected() throws Exception {
        for (String name : replyFiles()) {
            byte[] wire = read(name);
            if (REJECTED_BY_CODEC.contains(name)) {
                assertThrows(MessageException.class, () -> PayloadCodec.decode(wire), name);
                continue;
            }
            ProvisionReply reply = ProvisionReply.fromPayload(PayloadCodec.decode(wire));
            assertEquals(name.startsWith("ignore-other-request-id"), !reply.requestId().equals(requestId), name);
        }
    }

    @Test
    void theAgentsEncoderWritesTheVectorsBytesBack() throws Exception {
        for (String name : replyFiles()) {
            byte[] wire = read(name);
            if (!REJECTED_BY_CODEC.contains(name) && !name.contains("gzip")) {
                assertArrayEquals(wire, PayloadCodec.encode(PayloadCodec.decode(wire)), name);
            }
        }
    }

    @Test
    void theRejectedRepliesNameTheirProblem() throws Exception {
        assertMessage("bad-truncated.bin", "truncated");
        assertMessage("bad-too-many-metrics.bin", "more than 1000 metrics");
        assertMessage("bad-gzip-bomb.bin", "33554432");

        Gunzip gunzip = new Gunzip(Limits.MAX_INFLATED_BYTES);
        assertThrows(MessageException.class, () -> gunzip.inflate(read("bad-gzip-bomb.bin")));
        assertTrue(gunzip.inflated() <= Limits.MAX_INFLATED_BYTES + 1, "inflated " + gunzip.inflated());
    }

    private static void assertMessage(String name, String fragment) throws IOException {
        byte[] wire = read(name);
        MessageException e = assertThrows(MessageException.class, () -> PayloadCodec.decode(wire), name);
        assertTrue(e.getMessage().contains(fragment), name + ": " + e.getMessage());
    }

    @Test
    void errorAndWaitRepliesTellTheAgentWhatToDo() throws Exception {
        ProvisionReply notFound = reply("err-404.bin");
        assertTrue(notFound.isFailure());
        assertEquals(404, notFound.responseCode());
        assertTrue(notFound.exceptionMessage().get().contains(clientId));

        ProvisionReply tooMany = reply("err-429.bin");
        assertEquals(429, tooMany.responseCode());
        assertEquals(900, tooMany.retryAfter().getAsInt());

        ProvisionReply waiting = reply("wait-202.bin");
        assertTrue(waiting.isAccepted());
        assertFalse(waiting.isFinal());
    }

    @Test
    void acceptedPackagesReadAndAreBoundToTheRequestInFlight() throws Exception {
        for (String name : new String[] {"ok-rsa-pkcs1.bin", "ok-rsa-pss.bin", "ok-ecdsa-p256.bin",
            "ok-ecdsa-p384.bin", "ok-gzip.bin", "bad-untrusted.bin", "bad-expired.bin", "bad-sha1.bin"}) {
            ProvisioningPackage pkg = packageOf(name);
            pkg.checkBoundTo(requestId, clientId);
            assertTrue(new String(pkg.configuration(), StandardCharsets.UTF_8).contains("esf:configurations"), name);
        }
        ProvisioningPackage rich = packageOf("ok-rsa-pkcs1.bin");
        assertEquals(1, rich.applications().size());
        assertTrue(rich.sslCaCertificates().get().contains("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void packagesForAnotherRequestOrClientOrWithABadHashAreRejected() throws Exception {
        MessageException replay = assertThrows(MessageException.class,
                () -> packageOf("bad-other-request.bin").checkBoundTo(requestId, clientId));
        assertTrue(replay.getMessage().contains("for request"), replay.getMessage());

        MessageException other = assertThrows(MessageException.class,
                () -> packageOf("bad-other-client.bin").checkBoundTo(requestId, clientId));
        assertTrue(other.getMessage().contains("client id"), other.getMessage());

        MessageException hash = assertThrows(MessageException.class, () -> packageOf("bad-app-hash.bin"));
        assertTrue(hash.getMessage().contains("application.0.sha256 does not match"), hash.getMessage());
    }

    @Test
    void theRequestExampleReadsAsAProvisionRequestAndIsWrittenBackIdentically() throws Exception {
        byte[] wire = read("request-example.bin");

        ProvisionRequest request = ProvisionRequest.fromPayload(PayloadCodec.decode(wire));

        assertEquals(requestId, request.requestId());
        assertEquals(clientId, request.clientId());
        assertTrue(request.hasActivationKey());
        assertEquals("SN-42", request.device(DeviceField.SERIAL_NUMBER).get());
        assertEquals("00:E0:C7:A1:B2:C3", request.device(DeviceField.PRIMARY_MAC).get());
        assertArrayEquals(wire, PayloadCodec.encode(request.toPayload()));
    }

    private static ProvisionReply reply(String name) throws Exception {
        return ProvisionReply.fromPayload(PayloadCodec.decode(read(name)));
    }

    private static ProvisioningPackage packageOf(String name) throws Exception {
        ProvisionReply reply = reply(name);
        assertTrue(reply.isOk(), name);
        return ProvisioningPackage.fromPayload(PayloadCodec.decodePlain(signedContent(reply.body().get())));
    }

    private static byte[] signedContent(byte[] cms) throws CMSException {
        return (byte[]) new CMSSignedData(cms).getSignedContent().getContent();
    }
}
