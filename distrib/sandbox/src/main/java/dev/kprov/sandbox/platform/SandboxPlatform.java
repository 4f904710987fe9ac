package dev.kprov.sandbox.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.kprov.platform.Platform;
import dev.kprov.platform.PlatformException;
import dev.kprov.platform.PlatformListener;
import dev.kprov.platform.PlatformOptions;
import dev.kprov.platform.RunningPlatform;
import dev.kprov.platform.job.JobEvent;
import dev.kprov.platform.request.InvalidRequestException;
import dev.kprov.platform.request.ProvisionRequestSpec;
import dev.kprov.sandbox.cli.FailureMode;
import dev.kprov.sandbox.gateway.GatewaySpec;
import dev.kprov.sandbox.secret.Secret;
import dev.kprov.sandbox.show.Narrator;

/**
 * The reference platform, in this process (its library API): generated keys kept in the state folder,
 * its MQTT broker with TLS on 127.0.0.1 on a port chosen now, and one provision request per simulated
 * gateway. Each job change is told to the narrator and to whoever follows that gateway.
 */
public final class SandboxPlatform implements AutoCloseable {

    private static final String WHO = "platform";
    private static final int SECRET_LENGTH = 24;

    private final RunningPlatform platform;
    private final Path configurations;
    private final Map<String, Consumer<JobEvent>> followers;

    private SandboxPlatform(RunningPlatform platform, Path configurations, Map<String, Consumer<JobEvent>> followers) {
        this.platform = platform;
        this.configurations = configurations;
        this.followers = followers;
    }

    /** Starts the platform with its keys in {@code state}; delivered configurations go to {@code configurations}. */
    public static SandboxPlatform start(Path state, Path configurations, Narrator narrator) throws PlatformException {
        return start(state, configurations, narrator, Optional.empty());
    }

    /**
     * As {@link #start(Path, Path, Narrator)}, but with {@code localMosquitto} present the broker is this
     * machine's Mosquitto instead of the embedded one (TLS on 127.0.0.1, a port chosen at run time, its files in
     * that folder, admission by its dynamic-security plugin; see {@code PlatformOptions.Builder.localMosquitto}).
     * For the benchmarks; the sandbox itself runs on the embedded broker.
     */
    public static SandboxPlatform start(Path state, Path configurations, Narrator narrator,
            Optional<Path> localMosquitto) throws PlatformException {
        Map<String, Consumer<JobEvent>> followers = new ConcurrentHashMap<>();
        PlatformListener listener = new PlatformListener() {
            @Override
            public void jobChanged(JobEvent event) {
                narrator.step(WHO, event.toLine());
                Consumer<JobEvent> follower = followers.get(event.clientId());
                if (follower != null) {
                    follower.accept(event);
                }
            }
        };
        PlatformOptions.Builder options = PlatformOptions.builder().stateDirectory(state).listener(listener);
        if (localMosquitto.isPresent()) {
            options.localMosquitto(localMosquitto.get());
        } else {
            options.bindAddress("127.0.0.1").tlsPort(0);
        }
        RunningPlatform platform = Platform.start(options.build());
        return new SandboxPlatform(platform, configurations, followers);
    }

    public String brokerUrl() {
        return platform.brokerUrl();
    }

    public String account() {
        return platform.account();
    }

    /** What a gateway must trust for the broker's TLS. */
    public List<X509Certificate> brokerCa() throws GeneralSecurityException {
        return certificates(platform.brokerCaPem().orElseThrow(
                () -> new IllegalStateException("the sandbox's platform always has a broker of its own")));
    }

    /** What a gateway must trust to accept the platform's packages with ca-authentication. */
    public List<X509Certificate> signerRoot() throws GeneralSecurityException {
        return certificates(platform.signerRootPem());
    }

    /** Also tells {@code listener} what the platform does (on its thread), such as dynamic security's admissions. */
    public void addListener(PlatformListener listener) {
        platform.addListener(listener);
    }

    /** Tells {@code follower} each change of {@code clientId}'s job, on the platform's thread. */
    public void follow(String clientId, Consumer<JobEvent> follower) {
        followers.put(clientId, follower);
    }

    /**
     * Creates the provision request of {@code gateway}, with generated password, activation key and
     * account credentials, and returns what its agent is to be given.
     */
    public GatewayCredentials addRequest(GatewaySpec gateway, Optional<FailureMode> failure, Narrator narrator)
            throws IOException, InvalidRequestException {
        String clientId = gateway.clientId();
        String accountBroker = failure.orElse(null) == FailureMode.UNREACHABLE_ACCOUNT_BROKER
                ? "mqtts://127.0.0.1:" + closedPort()
                : platform.brokerUrl();
        Path configuration = configurations.resolve(clientId + ".xml");
        DeliveredConfiguration.write(configuration, clientId, accountBroker, Secret.generate(SECRET_LENGTH));
        String username = clientId + "-" + gateway.serialNumber();
        Secret password = Secret.generate(SECRET_LENGTH);
        Secret activationKey = Secret.generate(32);
        ProvisionRequestSpec request = ProvisionRequestSpec.builder(clientId).username(username)
                .password(password.reveal()).activationKey(activationKey.reveal())
                .accountName(DeliveredConfiguration.ACCOUNT).configuration(configuration).build();
        narrator.step(WHO, "provision request for " + clientId + ": username " + username + ", password "
                + password + ", activation key " + activationKey + ", account " + DeliveredConfiguration.ACCOUNT);
        narrator.step(WHO, "  it delivers: " + DeliveredConfiguration.describe(clientId, accountBroker));
        platform.removeRequest(clientId);
        platform.addRequest(request);
        Secret agentKey = activationKey;
        if (failure.orElse(null) == FailureMode.WRONG_ACTIVATION_KEY) {
            agentKey = Secret.generate(32);
            narrator.step(WHO, "  (--fail wrong-activation-key: the agent will be given another key)");
        }
        return new GatewayCredentials(username, password, Optional.of(agentKey));
    }

    /** A loopback port nobody listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            certificates.add((X509Certificate) certificate);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in the platform's PEM");
        }
        return certificates;
    }

    /** Stops the broker, the responder and every thread of the platform; idempotent. */
    @Override
    public void close() {
        platform.close();
    }
}
