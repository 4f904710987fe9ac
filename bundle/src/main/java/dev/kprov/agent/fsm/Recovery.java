package dev.kprov.agent.fsm;

import java.util.List;
import java.util.function.Consumer;

/** Puts right a run that a crash cut short (PROTOCOL.md section 10), before anything else happens. */
public interface Recovery {

    /** True when a run was cut short and must be put right first. */
    boolean needed();

    /** On the owner thread; {@code done} gets the problems met, empty when the gateway is consistent. */
    void recover(Consumer<List<String>> done);

    /** For a gateway with nothing to recover. */
    Recovery NONE = new Recovery() {
        @Override
        public boolean needed() {
            return false;
        }

        @Override
        public void recover(Consumer<List<String>> done) {
            done.accept(java.util.Collections.<String> emptyList());
        }
    };
}
