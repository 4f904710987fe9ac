package dev.kprov.sandbox.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SummaryTest {

    private static long at(long base, long millis) {
        return base + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void eachStepLastsUntilTheNextAndTheTotalEndsAtProvisioned() {
        Timeline timeline = new Timeline();
        long zero = System.nanoTime();
        timeline.mark(Summary.AGENT, "DISABLED", at(zero, -5));
        timeline.enabled(zero);
        timeline.mark(Summary.AGENT, "WAITING", at(zero, 10));
        timeline.mark(Summary.AGENT, "CONNECTING", at(zero, 400));
        timeline.mark(Summary.JOB, "STARTED", at(zero, 700));
        timeline.mark(Summary.AGENT, "APPLYING", at(zero, 800));
        timeline.mark(Summary.JOB, "COMPLETED", at(zero, 950));
        timeline.mark(Summary.AGENT, "PROVISIONED", at(zero, 1000));

        List<String> lines = Summary.lines("00E0C7A1B2C3", timeline);

        assertEquals("00E0C7A1B2C3: PROVISIONED 1000 ms after enabling the agent", lines.get(0));
        assertTrue(lines.get(1).matches(" +enabling +-> WAITING +10 ms .*"), lines.get(1));
        assertTrue(lines.get(2).matches(" +WAITING +-> CONNECTING +390 ms .*"), lines.get(2));
        assertTrue(lines.get(4).matches(" +APPLYING +-> PROVISIONED +200 ms .*"), lines.get(4));
        assertTrue(lines.get(5).matches(" +first CONNECTING -> PROVISIONED +600 ms .*"), lines.get(5));
        assertTrue(lines.get(6).matches(" +platform job COMPLETED +\\(at +950 ms\\)"), lines.get(6));
        assertEquals(7, lines.size(), "what came before enabling is not a step: " + lines);
    }

    @Test
    void aRunThatNeverProvisionedSaysSo() {
        Timeline timeline = new Timeline();
        long zero = System.nanoTime();
        timeline.enabled(zero);
        timeline.mark(Summary.AGENT, "WAITING", at(zero, 10));
        timeline.mark(Summary.AGENT, "FAILED", at(zero, 3000));

        List<String> lines = Summary.lines("gw", timeline);

        assertEquals("gw: not provisioned", lines.get(0));
        assertTrue(lines.get(2).matches(" +WAITING +-> FAILED +2990 ms .*"), lines.get(2));
    }
}
