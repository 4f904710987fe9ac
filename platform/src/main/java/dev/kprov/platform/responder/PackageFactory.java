package dev.kprov.platform.responder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.Limits;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.request.ApplicationFile;
import dev.kprov.platform.request.ProvisionRequestSpec;

/**
 * Builds the body of a 200 reply (PROTOCOL.md section 6.1): the provisioning package as a KuraPayload,
 * signed as CMS SignedData. Files are read at this moment, so an edited configuration takes effect; a
 * file that went missing or grew past its bound is a platform error (500).
 */
final class PackageFactory {

    /** Room for the reply's own metrics and the MQTT framing within the 16 MiB wire bound. */
    private static final int REPLY_OVERHEAD = 1024;

    private final SignerIdentity signer;
    private final Clock clock;

    PackageFactory(SignerIdentity signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** The DER CMS SignedData for {@code requestId}. */
    byte[] signedPackage(ProvisionRequestSpec spec, String requestId) throws IOException, GeneralSecurityException {
        ProvisioningPackage.Builder builder = ProvisioningPackage.builder(requestId, spec.clientId(),
                spec.accountName());
        builder.issuedAt(clock.millis());
        builder.configuration(read(spec.configuration(), Limits.MAX_CONFIGURATION_BYTES, "configuration"));
        spec.sslCaCertificatesPem().ifPresent(builder::sslCaCertificates);
        for (ApplicationFile application : spec.applications()) {
            byte[] content = read(application.file(), Limits.MAX_APPLICATION_BYTES, "application");
            builder.addApplication(Application.of(application.name(), application.version(), content));
        }
        byte[] content = PayloadCodec.encode(builder.build().toPayload());
        byte[] signed = signer.signCms(content);
        if (signed.length + REPLY_OVERHEAD > Limits.MAX_WIRE_BYTES) {
            throw new IOException("the signed package is " + signed.length + " bytes, past the "
                    + Limits.MAX_WIRE_BYTES + "-byte reply bound");
        }
        return signed;
    }

    private static byte[] read(Path file, int max, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new IOException(what + " " + file + " is now more than " + max + " bytes");
            }
            return bytes;
        }
    }
}
