package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.event.Event;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The built .dp, installed and removed through the framework's DeploymentAdmin, as Kura's web UI
 * (Packages) and Everyware Cloud do. It needs a framework where the agent is not installed otherwise:
 * the *-dp.bndrun files, which name the folder of the .dp.
 */
@EnabledIfSystemProperty(named = DeploymentPackageTest.DP_DIR, matches = ".+")
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class DeploymentPackageTest {

    static final String DP_DIR = "kprov.dp.dir";
    static final long MAX_DP_BYTES = 400 * 1024;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    DeploymentAdmin deploymentAdmin;

    @InjectService
    ConfigurationAdmin configurationAdmin;

    private Path dp() throws IOException {
        return builtAgent(context);
    }

    /** The agent's .dp that distrib/ built, in the folder the *-dp.bndrun files name. */
    static Path builtAgent(BundleContext context) throws IOException {
        Path dir = Paths.get(context.getProperty(DP_DIR));
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.dp")) {
            files.forEach(found::add);
        }
        assertEquals(1, found.size(), "one .dp in " + dir + ": " + found);
        return found.get(0);
    }

    @Test
    void packageHoldsJustTheAgentAndIsSmall() throws IOException {
        Path dp = dp();

        assertTrue(Files.size(dp) <= MAX_DP_BYTES, dp + " is " + Files.size(dp) + " bytes");
        try (JarInputStream jar = new JarInputStream(Files.newInputStream(dp))) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, "the manifest is the first entry, as DeploymentAdmin requires");
            assertEquals("dev.kprov.agent", manifest.getMainAttributes().getValue("DeploymentPackage-SymbolicName"));
            assertEquals(1, manifest.getEntries().size(), manifest.getEntries().keySet().toString());
            assertEquals("dev.kprov.agent", manifest.getEntries().values().iterator().next()
                    .getValue("Bundle-SymbolicName"));
        }
    }

    @Test
    void installsStartsAndUninstalls() throws Exception {
        assertNull(agentBundle(), "the agent is not installed before the package");

        try (StatusRecorder status = new StatusRecorder(context)) {
            DeploymentPackage installed;
            try (InputStream in = Files.newInputStream(dp())) {
                installed = deploymentAdmin.installDeploymentPackage(in);
            }
            assertEquals("dev.kprov.agent", installed.getName());
            Bundle agent = installed.getBundle("dev.kprov.agent");
            assertNotNull(agent);
            assertEquals(Bundle.ACTIVE, agent.getState());
            BundleFacts.assertFitsEveryKuraFrom50(agent);

            AgentConfig.of(configurationAdmin).write();
            status.awaitState("DISABLED");
            Services.awaitAgent(context);

            installed.uninstall();

            Services.awaitNoAgent(context);
            assertEquals(Bundle.UNINSTALLED, agent.getState());
            assertNull(agentBundle());
            assertNull(deploymentAdmin.getDeploymentPackage("dev.kprov.agent"));
        } finally {
            AgentConfig.delete(configurationAdmin);
        }
    }

    @Test
    void updatingTheAgentKeepsAProvisionedGatewayProvisionedWithoutARun() throws Exception {
        DeploymentPackage installed;
        try (InputStream in = Files.newInputStream(dp())) {
            installed = deploymentAdmin.installDeploymentPackage(in);
        }
        try (StatusRecorder status = new StatusRecorder(context)) {
            AgentConfig.enabled(configurationAdmin).set("provisioned", true).write();
            status.awaitState("PROVISIONED");

            DeploymentPackage updated;
            try (InputStream in = new java.io.ByteArrayInputStream(NewerPackage.of(Files.newInputStream(dp()),
                    "99.0.0"))) {
                updated = deploymentAdmin.installDeploymentPackage(in);
            }

            assertEquals("99.0.0", updated.getVersion().toString());
            assertEquals("99.0.0", updated.getBundle("dev.kprov.agent").getVersion().toString());
            Event restarted = status.awaitState("PROVISIONED");
            assertEquals(0, restarted.getProperty("attempt"), "no new run");
            updated.uninstall();
        } finally {
            AgentConfig.delete(configurationAdmin);
            if (deploymentAdmin.getDeploymentPackage("dev.kprov.agent") != null) {
                deploymentAdmin.getDeploymentPackage("dev.kprov.agent").uninstall();
            }
        }
        assertNull(agentBundle());
    }

    private Bundle agentBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> "dev.kprov.agent".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }
}
