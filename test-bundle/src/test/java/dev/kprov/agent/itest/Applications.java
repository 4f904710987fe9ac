package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.eclipse.kura.deployment.agent.DeploymentAgentService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Removes the applications a test left, through Kura's deployment agent as a person would: it keeps a record
 * of what it installed and reinstalls what is missing when it starts again, so that a package removed behind
 * its back (DeploymentAdmin directly) comes back in a later test.
 */
final class Applications {

    private Applications() {
    }

    static void uninstall(BundleContext context, DeploymentAgentService agent, DeploymentAdmin deploymentAdmin,
            String namePrefix) throws Exception {
        Set<String> left = Arrays.stream(deploymentAdmin.listDeploymentPackages()).map(DeploymentPackage::getName)
                .filter(name -> name.startsWith(namePrefix)).collect(Collectors.toCollection(HashSet::new));
        if (left.isEmpty()) {
            return;
        }
        LinkedBlockingQueue<String> uninstalled = new LinkedBlockingQueue<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, DeploymentAgentService.EVENT_UNINSTALLED_TOPIC);
        ServiceRegistration<EventHandler> registration = context.registerService(EventHandler.class,
                event -> uninstalled.add(String.valueOf(event.getProperty(DeploymentAgentService.EVENT_PACKAGE_NAME))),
                properties);
        try {
            for (String name : left) {
                agent.uninstallDeploymentPackageAsync(name);
            }
            long deadline = System.nanoTime() + StatusRecorder.TIMEOUT.toNanos();
            while (!left.isEmpty()) {
                String name = uninstalled.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(name, "not uninstalled within " + StatusRecorder.TIMEOUT + ": " + left);
                left.remove(name);
            }
        } finally {
            registration.unregister();
        }
    }
}
