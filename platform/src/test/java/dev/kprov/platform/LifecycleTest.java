package dev.kprov.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.kprov.agent.message.ProvisionReply;
import dev.kprov.platform.pki.KeyMaterialException;
import dev.kprov.platform.pki.Pem;
import io.netty.util.concurrent.GlobalEventExecutor;

/** Start, restart and stop: what persists, what is published, and that nothing is left behind. */
class LifecycleTest {

    @TempDir
    Path directory;

    @Test
    void aRestartWithTheSameStateDirectoryKeepsTheSignerRootAndTheBrokerCa() throws Exception {
        Path state = directory.resolve("state");
        String signerRoot;
        String brokerCa;
        try (RunningPlatform first = Platform.start(PlatformOptions.builder().stateDirectory(state).build())) {
            signerRoot = first.signerRootPem();
            brokerCa = first.brokerCaPem().orElseThrow();
            assertEquals(signerRoot, Files.readString(state.resolve("signer-root.pem")));
            assertEquals(brokerCa, Files.readString(state.resolve("broker-ca.pem")));
            assertEquals(first.brokerUrl(), Files.readString(state.resolve("endpoint")).trim());
            assertTrue(first.brokerUrl().matches("mqtts://127\\.0\\.0\\.1:\\d+"), first.brokerUrl());
            for (String key : new String[] {"signer-key.pem", "broker-key.pem"}) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        state.resolve(key))), key + " is readable by its owner only");
            }
        }
        try (RunningPlatform second = Platform.start(PlatformOptions.builder().stateDirectory(state).build())) {
            assertEquals(signerRoot, second.signerRootPem());
            assertEquals(brokerCa, second.brokerCaPem().orElseThrow());
            second.addRequest(Fixtures.request(directory, "r1").build());
            try (TestDevice device = TestDevice.connect(second, "r1", "r1-user", "pw-r1")) {
                device.subscribeReplies();
                device.request(null);
                ProvisionReply reply = device.nextReply();
                PackageVerifier.verify(reply.body().orElseThrow(), Files.readString(state.resolve("signer-root.pem")));
            }
        }
        try (RunningPlatform fresh = Platform.start(PlatformOptions.builder().build())) {
            assertNotEquals(signerRoot, fresh.signerRootPem(), "without a state directory keys are new");
        }
    }

    @Test
    void closeFreesThePortsAndThreadsAndMayBeCalledTwice() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        RunningPlatform platform = Platform.start(PlatformOptions.builder().plainPort(0).build());
        int tls = URI.create(platform.brokerUrl()).getPort();
        int plain = URI.create(platform.plainBrokerUrl().orElseThrow()).getPort();
        assertNotEquals(tls, plain);
        platform.close();
        platform.close();
        for (int port : new int[] {tls, plain}) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort(), "port " + port + " is free again");
            }
        }
        assertNoThreadsLeft(before);
        assertThrows(IllegalStateException.class, () -> platform.job("any"));
    }

    @Test
    void aPlatformThatCannotStartSaysWhyAndLeavesNothingRunning() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Path state = Files.createDirectories(directory.resolve("broken"));
        Files.writeString(state.resolve("signer-key.pem"), "not a key");
        PlatformException failure = assertThrows(PlatformException.class,
                () -> Platform.start(PlatformOptions.builder().stateDirectory(state).build()));
        assertTrue(failure.getMessage().contains("signer-chain.pem is missing"), failure.getMessage());
        assertTrue(failure.getCause() instanceof KeyMaterialException);
        assertNoThreadsLeft(before);
    }

    /**
     * Netty's process-wide GlobalEventExecutor (used by TLS handshakes) is not the platform's: it stops by
     * itself once idle for a second, so wait for that rather than count it.
     */
    private static void assertNoThreadsLeft(Set<Thread> before) throws InterruptedException {
        assertTrue(GlobalEventExecutor.INSTANCE.awaitInactivity(10, TimeUnit.SECONDS));
        Set<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName).collect(Collectors.toSet());
        assertTrue(left.isEmpty(), "threads left behind: " + left);
    }

    @Test
    void theSignerChainGoesUpToThePublishedRoot() throws Exception {
        try (RunningPlatform platform = Platform.start(PlatformOptions.builder().noResponder().build())) {
            assertEquals(1, Pem.parseCertificates(platform.signerRootPem(), "root").size());
            assertFalse(platform.brokerCaPem().orElseThrow().contains("PRIVATE"));
        }
    }
}
