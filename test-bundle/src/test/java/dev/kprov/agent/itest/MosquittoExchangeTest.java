package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * {@link ExchangeCases} through a real Mosquitto (this machine's, Debian's package, TLS on a loopback port
 * chosen at run time) that the platform started and admits devices on through Mosquitto's dynamic-security
 * plugin ({@code --local-mosquitto}): a device is refused until its request exists, and confined to its own
 * topics. Mosquitto is the account broker too: the platform admits the delivered account credentials there
 * and sees the gateway arrive in Mosquitto's log. Without Mosquitto the platform does not start and these
 * tests fail, saying how to install it.
 */
class MosquittoExchangeTest extends ExchangeCases {

    private static Path mosquitto;

    @BeforeAll
    static void startPlatformOnMosquitto(@InjectBundleContext BundleContext context) throws Exception {
        work = Paths.get(context.getProperty("kprov.test.dir"), "mosquitto-exchange");
        Folders.deleteTree(work);
        mosquitto = work.resolve("mosquitto");
        platform = PlatformProcess.start(context, work.resolve("requests"), work.resolve("state"), "--local-mosquitto",
                mosquitto.toString());
    }

    @AfterAll
    static void stopPlatformAndMosquitto() throws Exception {
        if (platform != null) {
            platform.close();
            platform = null;
        }
        String log = new String(Files.readAllBytes(mosquitto.resolve("mosquitto.log")), StandardCharsets.UTF_8);
        assertTrue(log.matches("(?s).*New client connected from 127\\.0\\.0\\.1:\\d+ as gw-.*"),
                "the gateways went through Mosquitto");
        assertFalse(log.contains("-pw-S3CR3T") || log.contains("-account-S3CR3T"), "a password in Mosquitto's log");
    }
}
