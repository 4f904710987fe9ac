package dev.kprov.agent.fsm;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.kprov.agent.component.Options;
import dev.kprov.agent.message.ComponentSettings;
import dev.kprov.agent.message.ConfigurationXml;
import dev.kprov.agent.message.ConfigurationXml.ConfigurationException;
import dev.kprov.agent.message.DeviceField;
import dev.kprov.agent.message.MessageException;
import dev.kprov.agent.message.Notification;
import dev.kprov.agent.message.PayloadCodec;
import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.agent.message.ProvisionRequest;
import dev.kprov.agent.message.ProvisioningPackage;
import dev.kprov.agent.message.Topics;
import dev.kprov.agent.trust.PackageVerifier;
import dev.kprov.agent.trust.PemCertificates;
import dev.kprov.agent.trust.TrustException;
import dev.kprov.agent.trust.VerifiedContent;

/**
 * The protocol as the agent speaks it (PROTOCOL.md sections 4 to 6, and section 8 steps 1 to 4): builds
 * each attempt's request, and decides what each reply means. It holds no state of its own.
 */
public final class ProtocolExchange implements Exchange {

    /** The certificates the gateway already trusts: the truststore behind Kura's SSL manager. */
    @FunctionalInterface
    public interface TrustAnchors {
        Collection<X509Certificate> get() throws Exception;
    }

    private final SecureRandom random;
    private final Supplier<Map<DeviceField, String>> device;
    private final TrustAnchors anchors;
    private final PackageVerifier verifier;
    private final String ownPid;

    /** {@code ownPid}: the agent's PID, which a package may not configure. */
    public ProtocolExchange(SecureRandom random, Supplier<Map<DeviceField, String>> device, TrustAnchors anchors,
            PackageVerifier verifier, String ownPid) {
        this.ownPid = ownPid;
        this.random = random;
        this.device = device;
        this.anchors = anchors;
        this.verifier = verifier;
    }

    @Override
    public void prepare() {
        verifier.prepare();
    }

    @Override
    public OutgoingRequest newRequest(Options options) throws AttemptFailure {
        ProvisionRequest.Builder builder = ProvisionRequest.newRequest(options.clientId(), random);
        if (!options.activationKey().isEmpty()) {
            char[] key;
            try {
                key = options.activationKey().reveal();
            } catch (Exception e) {
                throw new AttemptFailure(ErrorCategory.CONFIG_INVALID,
                        "setting 'activation-key' cannot be decrypted with this gateway's key");
            }
            builder.activationKey(key);
            Arrays.fill(key, '\0');
        }
        device.get().forEach(builder::device);
        ProvisionRequest request = builder.build();
        Topics topics = Topics.of(options.accountName(), options.clientId());
        byte[] payload = PayloadCodec.encode(request.toPayload());
        return new OutgoingRequest(request.requestId(), topics.requestTopic(), topics.replySubscription(),
                topics.replyTopic(request.requestId()), topics.notifyTopic(request.requestId()), payload);
    }

    @Override
    public byte[] notification(OutgoingRequest request, Notification.Status status, String message) {
        Notification notification = status == Notification.Status.FAILED
                ? Notification.failed(request.requestId(), message)
                : Notification.of(request.requestId(), status);
        return PayloadCodec.encode(notification.toPayload());
    }

    @Override
    public ReplyOutcome onMessage(String topic, byte[] payload, OutgoingRequest request) {
        if (!topic.equals(request.replyTopic())) {
            return ReplyOutcome.ignore("not the reply topic of " + request);
        }
        ProvisionReply reply;
        try {
            reply = ProvisionReply.fromPayload(PayloadCodec.decode(payload));
        } catch (MessageException e) {
            return ReplyOutcome.failed(ErrorCategory.INVALID_REPLY, "the reply is malformed: " + e.getMessage());
        }
        if (!reply.requestId().equals(request.requestId())) {
            // The platform may redeliver old replies at QoS 1 (PROTOCOL.md section 4).
            return ReplyOutcome.ignore("a reply for request " + reply.requestId());
        }
        if (reply.isAccepted()) {
            return ReplyOutcome.waitMore();
        }
        if (reply.isOk()) {
            Optional<byte[]> body = reply.body(); // a copy: a package may be 16 MiB, take it once
            if (!body.isPresent()) {
                return ReplyOutcome.failed(ErrorCategory.INVALID_REPLY, "the 200 reply carries no package");
            }
            return ReplyOutcome.signedPackage(body.get());
        }
        long retryAfterMillis = reply.retryAfter().isPresent() ? reply.retryAfter().getAsInt() * 1000L : 0;
        return ReplyOutcome.failed(ErrorCategory.PLATFORM_REJECTED, "the platform answered " + reply.responseCode()
                + reply.exceptionMessage().map(m -> ": " + m).orElse(""), retryAfterMillis);
    }

    @Override
    public ReplyOutcome verify(byte[] signedPackage, OutgoingRequest request, Options options) {
        Collection<X509Certificate> trusted = Collections.emptyList();
        if (options.caAuthentication()) {
            try {
                trusted = anchors.get();
            } catch (Exception e) {
                return ReplyOutcome.failed(ErrorCategory.UNTRUSTED_CHAIN,
                        "cannot read the certificates this gateway trusts: " + e.getMessage());
            }
        }
        try {
            VerifiedContent signed = verifier.verify(signedPackage, trusted, options.caAuthentication());
            ProvisioningPackage content = ProvisioningPackage.fromPayload(PayloadCodec.decodePlain(signed.content()));
            content.checkBoundTo(request.requestId(), options.clientId());
            List<X509Certificate> brokerCas = content.sslCaCertificates().isPresent()
                    ? PemCertificates.parse(content.sslCaCertificates().get(), ProvisioningPackage.SSL_CA_CERTIFICATES)
                    : Collections.<X509Certificate> emptyList();
            List<ComponentSettings> settings = ConfigurationXml.parse(content.configuration(), ownPid);
            return ReplyOutcome.verified(new VerifiedPackage(content, settings, signed.certificates(), brokerCas));
        } catch (TrustException e) {
            return ReplyOutcome.failed(category(e.kind()), e.getMessage());
        } catch (MessageException | ConfigurationException e) {
            return ReplyOutcome.failed(ErrorCategory.INVALID_REPLY, "the package is not acceptable: " + e.getMessage());
        }
    }

    private static ErrorCategory category(TrustException.Kind kind) {
        switch (kind) {
        case SIGNATURE_INVALID:
            return ErrorCategory.SIGNATURE_INVALID;
        case UNTRUSTED_CHAIN:
            return ErrorCategory.UNTRUSTED_CHAIN;
        case CLOCK:
            return ErrorCategory.CLOCK;
        default:
            return ErrorCategory.INVALID_REPLY;
        }
    }
}
