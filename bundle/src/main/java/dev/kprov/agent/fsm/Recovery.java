package dev.kprov.agent.fsm;

import java.util.List;
import java.util.function.Consumer;

/** Puts right a run that a crash cut short (PROTOCOL.md section 10), before anything else happens. */
@FunctionalInterface
public interface Recovery {

    /** On the owner thread; {@code done} gets the problems met, empty when the gateway is consistent. */
    void recover(Consumer<List<String>> done);
}
