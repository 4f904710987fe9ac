package dev.kprov.agent.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;

@ExtendWith(BundleContextExtension.class)
class AgentBundleTest {

    @InjectBundleContext
    BundleContext context;

    private Bundle agent() {
        return Arrays.stream(context.getBundles()).filter(b -> "dev.kprov.agent".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }

    @Test
    void resolvesAndStarts() {
        assertEquals(Bundle.ACTIVE, agent().getState());
    }

    @Test
    void manifestFitsEveryKuraFrom50() throws Exception {
        BundleFacts.assertFitsEveryKuraFrom50(agent());
    }
}
