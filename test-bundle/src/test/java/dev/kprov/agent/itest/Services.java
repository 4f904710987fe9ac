package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** Waits, with a timeout, for the agent's ConfigurableComponent service to come or go. */
final class Services {

    private Services() {
    }

    static Filter agentFilter(BundleContext context) throws InvalidSyntaxException {
        return context.createFilter("(&(objectClass=" + ConfigurableComponent.class.getName() + ")(kura.service.pid="
                + AgentConfig.PID + "))");
    }

    static ServiceReference<ConfigurableComponent> awaitAgent(BundleContext context) throws Exception {
        ServiceTracker<ConfigurableComponent, ConfigurableComponent> tracker = new ServiceTracker<>(context,
                agentFilter(context), null);
        tracker.open(true);
        try {
            assertNotNull(tracker.waitForService(StatusRecorder.TIMEOUT.toMillis()), "no agent service");
            return tracker.getServiceReference();
        } finally {
            tracker.close();
        }
    }

    /** SCR unregisters on its own thread after a configuration is deleted or a bundle stops. */
    static void awaitNoAgent(BundleContext context) throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        ServiceTracker<ConfigurableComponent, ConfigurableComponent> tracker = new ServiceTracker<>(context,
                agentFilter(context), null) {
            @Override
            public void removedService(ServiceReference<ConfigurableComponent> reference,
                    ConfigurableComponent service) {
                super.removedService(reference, service);
                gone.countDown();
            }
        };
        tracker.open(true);
        try {
            if (!tracker.isEmpty()) {
                assertTrue(gone.await(StatusRecorder.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                        "the agent service is still registered");
            }
        } finally {
            tracker.close();
        }
    }
}
