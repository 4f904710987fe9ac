package dev.kprov.fuzz.seed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.DeviceField;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.fuzz.engine.Sample;

/**
 * Valid KuraPayloads of every message of PROTOCOL.md, made with the agent's own encoder: requests,
 * replies of every code (plain and gzip), notifications, provisioning packages (the signed content) with
 * and without applications and CA certificates, and one payload with every kind of unknown field.
 */
public final class PayloadSeeds {

    private PayloadSeeds() {
    }

    public static List<Sample> all(byte[] signedPackage, List<X509Certificate> caCertificates)
            throws GeneralSecurityException {
        List<Sample> seeds = new ArrayList<>();
        seeds.add(sample("request-full", request(true)));
        seeds.add(sample("request-minimal", request(false)));
        Payload ok = ProvisionReply.ok(Fixture.REQUEST_ID, signedPackage).toPayload();
        seeds.add(sample("reply-200", ok));
        seeds.add(new Sample("reply-200-gzip", PayloadCodec.encodeGzip(ok)));
        seeds.add(sample("reply-202", ProvisionReply.accepted(Fixture.REQUEST_ID).toPayload()));
        seeds.add(sample("reply-404", ProvisionReply.error(404, Fixture.REQUEST_ID, "no request").toPayload()));
        Payload tooMany = ProvisionReply.error(429, Fixture.REQUEST_ID, "slow down").withRetryAfter(120).toPayload();
        seeds.add(sample("reply-429", tooMany));
        seeds.add(new Sample("reply-429-gzip", PayloadCodec.encodeGzip(tooMany)));
        seeds.add(sample("notify-installing", Notification.of(Fixture.REQUEST_ID,
                Notification.Status.APPS_INSTALLING).toPayload()));
        seeds.add(sample("notify-failed", Notification.failed(Fixture.REQUEST_ID, "cannot install").toPayload()));
        seeds.add(new Sample("package-minimal", packageContent(false, 0)));
        seeds.add(new Sample("package-full", packageContent(true, 2, caCertificates)));
        seeds.add(new Sample("unknown-fields", unknownFields()));
        seeds.add(new Sample("empty", new byte[0]));
        return seeds;
    }

    public static byte[] request(boolean full) {
        ProvisionRequest.Builder request = ProvisionRequest.withId(Fixture.REQUEST_ID, Fixture.CLIENT_ID);
        if (full) {
            request.activationKey("K7QX-M2PD-9WZR-4HTE".toCharArray());
            for (DeviceField field : DeviceField.values()) {
                request.device(field, field == DeviceField.PRIMARY_MAC ? "00:E0:C7:A1:B2:C3" : "v-" + field.metric());
            }
        }
        return PayloadCodec.encode(request.build().toPayload());
    }

    /** The signed content of a package for the fixture's request, with {@code applications} small ones. */
    public static byte[] packageContent(boolean withCa, int applications, List<X509Certificate> ca)
            throws GeneralSecurityException {
        ProvisioningPackage.Builder builder = ProvisioningPackage.builder(Fixture.REQUEST_ID, Fixture.CLIENT_ID,
                Fixture.ACCOUNT).issuedAt(Fixture.ISSUED.toEpochMilli())
                .configuration(KuraXml.accountConnection().toBytes());
        if (withCa) {
            builder.sslCaCertificates(pem(ca));
        }
        for (int i = 0; i < applications; i++) {
            byte[] content = ("PK fake deployment package " + i).getBytes(StandardCharsets.US_ASCII);
            builder.addApplication(Application.of("org.example.app" + i, "1.0." + i, content));
        }
        return PayloadCodec.encode(builder.build().toPayload());
    }

    public static byte[] packageContent(boolean withCa, int applications) throws GeneralSecurityException {
        return packageContent(withCa, applications, List.of());
    }

    public static String pem(List<X509Certificate> certificates) throws CertificateEncodingException {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates) {
            pem.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(certificate.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return pem.toString();
    }

    /** A reply with a timestamp, a position, and unknown fields of every wire type, a group among them. */
    static byte[] unknownFields() {
        ProtoWriter writer = new ProtoWriter().varintField(1, 1_767_225_600_000L)
                .bytesField(2, new ProtoWriter().tag(1, ProtoWriter.FIXED64).fixed64(0).toBytes())
                .varintField(7, 42).tag(8, ProtoWriter.FIXED64).fixed64(-1).tag(9, ProtoWriter.FIXED32).fixed32(7)
                .bytesField(10, new byte[] {1, 2, 3})
                .tag(11, ProtoWriter.START_GROUP).varintField(1, 5).tag(11, ProtoWriter.END_GROUP)
                .bytesField(5000, ProtoWriter.metric("response.code", 3, 202))
                .bytesField(5000, ProtoWriter.metric("request.id", 5, Fixture.REQUEST_ID))
                .bytesField(5000, ProtoWriter.metric("extra.double", 0, 1.5d))
                .bytesField(5000, ProtoWriter.metric("extra.float", 1, 2.5f))
                .bytesField(5000, ProtoWriter.metric("extra.bool", 4, true))
                .bytesField(5000, ProtoWriter.metric("extra.long", 2, -1L))
                .bytesField(5001, new byte[0]);
        return writer.toBytes();
    }

    private static Sample sample(String name, Payload payload) {
        return new Sample(name, PayloadCodec.encode(payload));
    }

    private static Sample sample(String name, byte[] bytes) {
        return new Sample(name, bytes);
    }
}
