package dev.kprov.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.kprov.platform.broker.Admission;
import dev.kprov.platform.broker.AdmissionTable;
import dev.kprov.platform.broker.DynamicSecurity;
import dev.kprov.platform.broker.EmbeddedBroker;
import dev.kprov.platform.mosquitto.LocalMosquitto;
import dev.kprov.platform.pki.BrokerIdentity;
import dev.kprov.platform.pki.KeyMaterial;
import dev.kprov.platform.pki.KeyMaterialException;
import dev.kprov.platform.pki.Pem;
import dev.kprov.platform.pki.SignerIdentity;
import dev.kprov.platform.pki.StateDirectory;
import dev.kprov.platform.pki.TlsContexts;
import dev.kprov.platform.request.ActivationKeys;
import dev.kprov.platform.responder.BrokerConnection;
import dev.kprov.platform.responder.ResponderService;

/**
 * Starts a provisioning platform: key material, the embedded broker, the responder and the requests
 * directory, in that order. {@link #start} returns once the broker listens, the responder is subscribed
 * and the requests directory has been read once.
 */
public final class Platform {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    /** How often sessions of disconnected clients are forgotten by the broker's authorizer. */
    private static final long PRUNE_SECONDS = 30;

    private Platform() {
    }

    /** @throws PlatformException naming what could not start; whatever did start is stopped again */
    public static RunningPlatform start(PlatformOptions options) throws PlatformException {
        OwnerThread owner = new OwnerThread();
        SecureRandom random = new SecureRandom();
        AdmissionTable.Internal internal = new AdmissionTable.Internal(
                "kprov-responder-" + randomHex(random), "kprov-responder",
                ActivationKeys.generate().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Optional<Admission> admission = options.embeddedBroker
                ? Optional.of(new Admission(new AdmissionTable(options.account,
                        options.responder ? internal : null, Map.of(), Map.of())))
                : Optional.empty();
        Optional<DynamicSecurity> dynamicSecurity = options.dynamicSecurity
                ? Optional.of(DynamicSecurity.create(options.account, options.localMosquitto.isPresent()
                        ? LocalMosquitto.ADMIN_USERNAME : options.externalBroker.orElseThrow().username()))
                : Optional.empty();
        PlatformCore core = new PlatformCore(options.requestsDirectory, admission, dynamicSecurity, options.clock);
        options.listeners.forEach(core::addListener);
        PlatformRuntime runtime = new PlatformRuntime(owner, core, options.account);
        String responderUrl = options.externalBroker.map(PlatformOptions.ExternalBroker::url).orElse("the broker");
        try {
            StateDirectory state = new StateDirectory(options.stateDirectory, options.keyAlgorithm, random,
                    options.clock);
            SignerIdentity signer = signer(options, state);
            Optional<BrokerIdentity> brokerIdentity = options.embeddedBroker || options.localMosquitto.isPresent()
                    ? Optional.of(broker(options, state)) : Optional.empty();
            runtime.keys(brokerIdentity.map(BrokerIdentity::caPem), signer.rootPem());
            if (options.requestsDirectory.isPresent()) {
                Files.createDirectories(options.requestsDirectory.get());
            }
            // Read the requests before the broker admits anyone.
            runtime.call(() -> {
                core.tick();
                return null;
            });
            Optional<PlatformOptions.ExternalBroker> served = options.externalBroker;
            SSLContext servedTrust = external(options);
            if (options.localMosquitto.isPresent()) {
                LocalMosquitto mosquitto = LocalMosquitto.start(options.localMosquitto.get(), brokerIdentity.get(),
                        options.connectTimeout);
                runtime.mosquittoStarted(mosquitto);
                served = Optional.of(new PlatformOptions.ExternalBroker(mosquitto.url(), mosquitto.adminUsername(),
                        mosquitto.adminPassword(), Optional.empty()));
                servedTrust = TlsContexts.trusting(java.util.List.of(brokerIdentity.get().caCertificate()));
            }
            if (dynamicSecurity.isPresent()) {
                PlatformOptions.ExternalBroker target = served.orElseThrow();
                responderUrl = target.url();
                dynamicSecurity.get().start(target.url(), "kprov-admission-" + randomHex(random), target.password(),
                        servedTrust, owner.executor(), core::admissionApplied, core::connected,
                        options.connectTimeout.toMillis());
                runtime.dynamicSecurityStarted(dynamicSecurity.get());
                // The responder logs in as the client dynamic security made for it, not as the administrator.
                served = Optional.of(new PlatformOptions.ExternalBroker(target.url(),
                        dynamicSecurity.get().responderUsername(), dynamicSecurity.get().responderPassword(),
                        target.caFile()));
            }
            if (options.embeddedBroker) {
                EmbeddedBroker broker = EmbeddedBroker.start(options.bindAddress, options.tlsPort, options.plainPort,
                        brokerIdentity.get(), admission.get(),
                        (clientId, username) -> onOwner(owner, () -> core.connected(clientId, username)));
                runtime.brokerStarted(broker);
                owner.executor().scheduleWithFixedDelay(() -> admission.get().prune(broker.connectedClientIds()),
                        PRUNE_SECONDS, PRUNE_SECONDS, TimeUnit.SECONDS);
            }
            if (options.responder) {
                BrokerConnection connection = options.embeddedBroker
                        ? internalConnection(runtime.brokerUrl(), internal, brokerIdentity.get())
                        : externalConnection(served, servedTrust, random);
                responderUrl = connection.url();
                runtime.responderStarted(ResponderService.start(connection, options.account, core, signer,
                        owner.executor(), options.clock, options.connectTimeout.toMillis()));
            }
            // Devices only now: one let in before the responder had subscribed would ask and hear nothing.
            admission.ifPresent(Admission::welcomeDevices);
            if (dynamicSecurity.isPresent()) {
                runtime.call(() -> {
                    dynamicSecurity.get().welcomeDevices();
                    return null;
                });
            }
            state.publish(brokerIdentity.map(BrokerIdentity::caPem), signer.rootPem(), runtime.brokerUrl());
            long period = options.rescanInterval.toMillis();
            runtime.tickerStarted(owner.executor().scheduleWithFixedDelay(core::tick, period, period,
                    TimeUnit.MILLISECONDS));
            LOG.info("platform ready: {} ({})", runtime.brokerUrl(), options);
            return runtime;
        } catch (KeyMaterialException | IOException | GeneralSecurityException | ExecutionException e) {
            runtime.close();
            throw new PlatformException("cannot start the platform: " + e.getMessage(), e);
        } catch (MqttException e) {
            runtime.close();
            throw new PlatformException("the responder cannot connect to " + responderUrl + ": " + e
                    + " (reason code " + e.getReasonCode() + ")", e);
        } catch (RuntimeException e) {
            runtime.close();
            throw new PlatformException("cannot start the platform: " + e, e);
        }
    }

    /** Hands a broker event to the owner thread; after close there is nobody to tell. */
    private static void onOwner(OwnerThread owner, Runnable task) {
        try {
            owner.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("platform closed: broker event dropped");
        }
    }

    private static String randomHex(SecureRandom random) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static SignerIdentity signer(PlatformOptions options, StateDirectory state) throws KeyMaterialException {
        if (options.signerPkcs12.isPresent()) {
            return KeyMaterial.loadSignerPkcs12(options.signerPkcs12.get().file(), options.signerPkcs12.get().password());
        }
        if (options.signerPem.isPresent()) {
            return KeyMaterial.loadSignerPem(options.signerPem.get().keyFile(), options.signerPem.get().chainFile());
        }
        return state.signer();
    }

    private static BrokerIdentity broker(PlatformOptions options, StateDirectory state) throws KeyMaterialException {
        if (options.brokerPkcs12.isPresent()) {
            return KeyMaterial.loadBrokerPkcs12(options.brokerPkcs12.get().file(), options.brokerPkcs12.get().password());
        }
        return state.broker();
    }

    /**
     * The responder's own session on the embedded broker. It trusts exactly the broker's certificate, so
     * host name verification adds nothing and is left to that pin (a production key store may not name
     * the loopback address).
     */
    private static BrokerConnection internalConnection(String url, AdmissionTable.Internal internal,
            BrokerIdentity identity) throws GeneralSecurityException {
        SSLContext context = TlsContexts.trusting(java.util.List.of(identity.chain().get(0)));
        char[] password = new String(internal.password(), java.nio.charset.StandardCharsets.US_ASCII).toCharArray();
        return BrokerConnection.of(url, internal.clientId(), internal.username(), password, context)
                .withoutHostnameVerification();
    }

    /** The trust for an external broker: its CA file, else {@code null} for the JVM's. */
    private static SSLContext external(PlatformOptions options) throws GeneralSecurityException, KeyMaterialException {
        Optional<Path> caFile = options.externalBroker.flatMap(PlatformOptions.ExternalBroker::caFile);
        return caFile.isPresent() ? TlsContexts.trusting(Pem.readCertificates(caFile.get())) : null;
    }

    private static BrokerConnection externalConnection(Optional<PlatformOptions.ExternalBroker> served,
            SSLContext context, SecureRandom random) {
        PlatformOptions.ExternalBroker external = served.orElseThrow(
                () -> new IllegalArgumentException("the responder needs a broker: the embedded one or --broker"));
        String clientId = "kprov-responder-" + randomHex(random);
        return BrokerConnection.of(external.url(), clientId, external.username(), external.password(), context);
    }
}
