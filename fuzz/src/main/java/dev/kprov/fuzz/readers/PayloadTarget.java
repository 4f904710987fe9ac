package dev.kprov.fuzz.readers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.kprov.agent.message.Application;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;
import dev.kprov.agent.message.Limits;
import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.Payload;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.agent.trust.PemCertificates;
import dev.kprov.agent.trust.TrustException;
import dev.kprov.fuzz.engine.Sample;
import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.engine.Verdict;
import dev.kprov.fuzz.seed.Fixture;

/**
 * The KuraPayload codec (PROTOCOL.md sections 2 and 7) and the typed readers on top of it, as the agent
 * chains them: {@link PayloadCodec#decode} (gzip or plain), then the reply, request and notification
 * readers, and the provisioning package reader with what the agent does next to a package's content
 * (binding check, {@code ssl.ca.certificates}, configuration). Rejections: {@link MessageException}, and
 * {@link TrustException} / {@link ConfigurationException} for the package's CA bundle and configuration.
 */
public final class PayloadTarget implements Target {

    private final List<Sample> seeds;
    private final PayloadGenerator generator;
    private final PayloadProbes probes = new PayloadProbes();

    public PayloadTarget(List<Sample> seeds, List<byte[]> bodies) {
        this.seeds = List.copyOf(seeds);
        this.generator = new PayloadGenerator(bodies);
    }

    @Override
    public String name() {
        return "payload";
    }

    @Override
    public List<Sample> seeds() {
        return seeds;
    }

    @Override
    public List<byte[]> tokens() {
        List<byte[]> tokens = new ArrayList<>();
        for (String name : PayloadGenerator.NAMES) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            byte[] field = new byte[utf8.length + 2];
            field[0] = 0x0a;
            field[1] = (byte) utf8.length;
            System.arraycopy(utf8, 0, field, 2, utf8.length);
            tokens.add(field);
        }
        tokens.add(new byte[] {(byte) 0xc2, (byte) 0xb8, 0x02}); // metric, field 5000, length-delimited
        tokens.add(new byte[] {(byte) 0xca, (byte) 0xb8, 0x02}); // body, field 5001
        tokens.add(new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, (byte) 0xff}); // gzip header
        tokens.add(new byte[] {0x1b}); // start group 3
        tokens.add(new byte[] {0x1c}); // end group 3
        tokens.add(new byte[] {0x10, 0x05}); // type STRING
        tokens.add(new byte[] {0x10, 0x03}); // type INT32
        tokens.add(Fixture.REQUEST_ID.getBytes(StandardCharsets.US_ASCII));
        tokens.add("-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII));
        return tokens;
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return generator.generate(random);
    }

    @Override
    public int probeCount() {
        return probes.count();
    }

    @Override
    public Sample probe(int index) {
        return probes.probe(index);
    }

    @Override
    public int maxInputBytes() {
        return Limits.MAX_WIRE_BYTES + 16;
    }

    @Override
    public Verdict run(byte[] input) {
        Payload payload;
        try {
            payload = PayloadCodec.decode(input);
        } catch (MessageException e) {
            return Verdict.rejected("decode", "", e.getMessage());
        }
        List<Verdict> verdicts = List.of(reply(payload), request(payload), notification(payload), pack(payload));
        for (Verdict verdict : verdicts) {
            if (verdict.accepted()) {
                return verdict;
            }
        }
        // none accepts: report the reader the payload looks meant for
        if (payload.has(ProvisionReply.RESPONSE_CODE)) {
            return verdicts.get(0);
        }
        if (payload.has(ProvisionRequest.PROTOCOL_VERSION)) {
            return verdicts.get(1);
        }
        if (payload.has(Notification.STATUS)) {
            return verdicts.get(2);
        }
        return verdicts.get(3);
    }

    private static Verdict reply(Payload payload) {
        try {
            ProvisionReply reply = ProvisionReply.fromPayload(payload);
            reply.body().ifPresent(body -> touch(body.length));
            reply.exceptionMessage().ifPresent(message -> touch(message.length()));
            touch(reply.toString().length() + (reply.isFailure() ? 1 : 0));
            return Verdict.accepted("reply " + (reply.isOk() ? "200" : reply.isAccepted() ? "202" : "error"));
        } catch (MessageException e) {
            return Verdict.rejected("reply", "", e.getMessage());
        }
    }

    private static Verdict request(Payload payload) {
        try {
            ProvisionRequest request = ProvisionRequest.fromPayload(payload);
            touch(request.toString().length() + request.deviceFields().size());
            return Verdict.accepted("request");
        } catch (MessageException e) {
            return Verdict.rejected("request", "", e.getMessage());
        }
    }

    private static Verdict notification(Payload payload) {
        try {
            touch(Notification.fromPayload(payload).toString().length());
            return Verdict.accepted("notification");
        } catch (MessageException e) {
            return Verdict.rejected("notification", "", e.getMessage());
        }
    }

    /** The package reader and what the agent does with its content before applying (section 8, step 4). */
    private static Verdict pack(Payload payload) {
        String stage = "package";
        try {
            ProvisioningPackage content = ProvisioningPackage.fromPayload(payload);
            stage = "package binding";
            content.checkBoundTo(Fixture.REQUEST_ID, Fixture.CLIENT_ID);
            stage = "package ssl.ca.certificates";
            if (content.sslCaCertificates().isPresent()) {
                touch(PemCertificates.parse(content.sslCaCertificates().get(),
                        ProvisioningPackage.SSL_CA_CERTIFICATES).size());
            }
            stage = "package configuration";
            touch(ConfigurationXml.parse(content.configuration(), Fixture.OWN_PID).size());
            for (Application application : content.applications()) {
                touch(application.size());
            }
            return Verdict.accepted("package");
        } catch (MessageException e) {
            return Verdict.rejected(stage, "", e.getMessage());
        } catch (TrustException e) {
            return Verdict.rejected(stage, e.kind().name(), e.getMessage());
        } catch (ConfigurationException e) {
            return Verdict.rejected(stage, "", e.getMessage());
        }
    }

    /** Keeps a computed value alive, so that the JIT cannot drop the call that made it. */
    private static void touch(long value) {
        Sink.value += value;
    }

    private static final class Sink {
        static long value;
    }
}
