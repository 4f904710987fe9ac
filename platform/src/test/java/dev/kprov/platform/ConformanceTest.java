package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.DeviceField;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * The shared conformance vectors (made without kprov code) against the platform: the example request
 * decodes and is answered, the configuration documents get their verdicts. The vectors are found at
 * {@code ../../shared/conformance} from this module, or at the system property {@code kprov.conformance.dir}.
 */
class ConformanceTest {

    private static final String REQUEST_ID = "0123456789abcdef0123456789abcdef";
    private static final String CLIENT_ID = "00E0C7A1B2C3";

    @TempDir
    Path directory;

    static Path vectors() {
        return Path.of(System.getProperty("kprov.conformance.dir", "../../shared/conformance"));
    }

    @Test
    void theExampleRequestDecodesAsAValidRequest() throws Exception {
        byte[] wire = Files.readAllBytes(vectors().resolve("replies/request-example.bin"));
        ProvisionRequest request = ProvisionRequest.fromPayload(PayloadCodec.decode(wire));
        assertEquals(REQUEST_ID, request.requestId());
        assertEquals(CLIENT_ID, request.clientId());
        assertEquals("A".repeat(32), new String(request.activationKey().orElseThrow()));
        assertEquals("SN-42", request.device(DeviceField.SERIAL_NUMBER).orElseThrow());
        assertEquals("00:E0:C7:A1:B2:C3", request.device(DeviceField.PRIMARY_MAC).orElseThrow());
    }

    @Test
    void theExampleRequestIsAnsweredWithAPackage() throws Exception {
        byte[] wire = Files.readAllBytes(vectors().resolve("replies/request-example.bin"));
        try (RunningPlatform platform = Platform.start(PlatformOptions.builder().build())) {
            platform.addRequest(Fixtures.request(directory, CLIENT_ID).activationKey("A".repeat(32)).build());
            try (TestDevice device = TestDevice.connect(platform, CLIENT_ID, CLIENT_ID + "-user", "pw-" + CLIENT_ID)) {
                device.subscribeReplies();
                device.publish(device.topics().requestTopic(), wire);
                ProvisionReply reply = device.nextReply();
                assertEquals(200, reply.responseCode());
                assertEquals(REQUEST_ID, reply.requestId());
                assertEquals(CLIENT_ID, PackageVerifier.verify(reply.body().orElseThrow(), platform.signerRootPem())
                        .clientId());
            }
        }
    }

    @Test
    void theConfigurationDocumentsGetTheirVerdicts() throws Exception {
        ProvisionRequestSpec ok = spec("ok.xml").build();
        assertEquals("acme-gw-00E0C7A1B2C3", ok.accountCredentials().orElseThrow().username());
        for (String bad : new String[] {"bad-xxe.xml", "bad-billion-laughs.xml", "bad-own-pid.xml",
            "bad-too-many-properties.xml"}) {
            InvalidRequestException rejected = assertThrows(InvalidRequestException.class, () -> spec(bad).build(),
                    bad);
            assertTrue(rejected.getMessage().contains(bad), rejected.getMessage());
        }
    }

    private ProvisionRequestSpec.Builder spec(String xml) {
        return ProvisionRequestSpec.builder(CLIENT_ID).username("u").password("p").accountName("acme")
                .configuration(vectors().resolve("xml").resolve(xml));
    }
}
