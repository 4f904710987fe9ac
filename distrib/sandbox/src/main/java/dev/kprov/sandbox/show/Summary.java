package dev.kprov.sandbox.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The closing lines for one gateway: how long each agent state lasted, from enabling the agent to
 * PROVISIONED, when the platform saw the job COMPLETED, and the total.
 */
public final class Summary {

    public static final String AGENT = "agent";
    public static final String JOB = "job";

    private Summary() {
    }

    /** The per-step lines of {@code timeline}, ending at its first PROVISIONED, or at its last mark. */
    public static List<String> lines(String clientId, Timeline timeline) {
        List<Timeline.Mark> agent = new ArrayList<>();
        for (Timeline.Mark mark : timeline.marks()) {
            if (mark.source().equals(AGENT)) {
                agent.add(mark);
                if (mark.name().equals("PROVISIONED")) {
                    break;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        Optional<Timeline.Mark> provisioned = timeline.first(AGENT, "PROVISIONED");
        lines.add(provisioned.map(m -> clientId + ": PROVISIONED " + m.atMillis() + " ms after enabling the agent")
                .orElse(clientId + ": not provisioned"));
        long previous = 0;
        String previousName = "enabling";
        for (Timeline.Mark mark : agent) {
            lines.add(String.format("  %-16s -> %-16s %6d ms   (at %6d ms)", previousName, mark.name(),
                    mark.atMillis() - previous, mark.atMillis()));
            previous = mark.atMillis();
            previousName = mark.name();
        }
        Optional<Timeline.Mark> firstConnect = timeline.first(AGENT, "CONNECTING");
        if (provisioned.isPresent() && firstConnect.isPresent()) {
            lines.add(String.format("  %-36s %6d ms   (the time before it is the agent's random first-attempt"
                    + " delay, at most retry-interval)", "first CONNECTING -> PROVISIONED",
                    provisioned.get().atMillis() - firstConnect.get().atMillis()));
        }
        timeline.first(JOB, "COMPLETED").ifPresent(m -> lines.add(String.format(
                "  %-36s          (at %6d ms)", "platform job COMPLETED", m.atMillis())));
        return lines;
    }
}
