package dev.kprov.agent.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.kprov.agent.component.InvalidSettingException;
import dev.kprov.agent.component.OptionsFixture;

class MachineTest {

    private final BlockingQueue<Status> statuses = new LinkedBlockingQueue<>();
    private final Machine machine = new Machine("test-pid", statuses::add);

    @AfterEach
    void close() {
        machine.close();
    }

    private Status next() throws InterruptedException {
        Status status = statuses.poll(10, TimeUnit.SECONDS);
        assertNotNull(status, "no status within 10 s");
        return status;
    }

    @Test
    void settingsDecideTheIdleStateOrWaiting() throws Exception {
        machine.configure(OptionsFixture.parse(Map.of()));
        assertEquals(State.DISABLED, next().state());

        machine.configure(OptionsFixture.parse(OptionsFixture.ENABLED));
        assertEquals(State.WAITING, next().state());

        machine.configure(OptionsFixture.parse(Map.of("enabled", true, "provisioned", true)));
        assertEquals(State.PROVISIONED, next().state());
    }

    @Test
    void rejectedSettingsAreMisconfiguredWithTheReason() throws Exception {
        InvalidSettingException problem = OptionsFixture.rejection(Map.of("enabled", true));

        machine.reject(problem);

        Status status = next();
        assertEquals(State.MISCONFIGURED, status.state());
        assertEquals(ErrorCategory.CONFIG_INVALID, status.error());
        assertTrue(status.message().contains("'broker-url'"), status.message());
    }

    @Test
    void aFailingObserverDoesNotStopTheMachine() throws Exception {
        BlockingQueue<Status> seen = new LinkedBlockingQueue<>();
        try (Machine failing = new Machine("test-pid", status -> {
            seen.add(status);
            throw new IllegalStateException("observer bug");
        })) {
            failing.configure(OptionsFixture.parse(Map.of()));
            failing.configure(OptionsFixture.parse(OptionsFixture.ENABLED));

            assertEquals(State.DISABLED, seen.poll(10, TimeUnit.SECONDS).state());
            assertEquals(State.WAITING, seen.poll(10, TimeUnit.SECONDS).state());
        }
    }

    @Test
    void eventsAfterCloseAreDropped() throws Exception {
        machine.close();

        machine.configure(OptionsFixture.parse(OptionsFixture.ENABLED));

        assertNull(statuses.poll(200, TimeUnit.MILLISECONDS));
    }

    @Test
    void idleMachineHoldsNoThread() throws Exception {
        machine.configure(OptionsFixture.parse(Map.of()));
        assertEquals(State.DISABLED, next().state());

        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("kprov-")) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                assertFalse(thread.isAlive(), thread + " outlived the idle timeout");
            }
        }
    }
}
