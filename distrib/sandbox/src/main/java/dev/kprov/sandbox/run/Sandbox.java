package dev.kprov.sandbox.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

import dev.kprov.sandbox.cli.OptionParser;
import dev.kprov.sandbox.cli.Options;
import dev.kprov.sandbox.cli.Usage;
import dev.kprov.sandbox.show.Narrator;

/**
 * One run of the sandbox: reads the command line, prepares the data folder and the log, runs the mode
 * asked for, and stops everything it started, also when a person interrupts it.
 */
public final class Sandbox {

    private Sandbox() {
    }

    /**
     * Runs the sandbox; steps go to {@code out}, argument errors to {@code err}.
     *
     * @return the exit status ({@link ExitStatus})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        Optional<Options> parsed;
        try {
            parsed = OptionParser.parse(Arrays.asList(args));
        } catch (OptionParser.UsageException e) {
            err.println("kprov-sandbox: " + e.getMessage());
            err.println("kprov-sandbox: --help lists the options");
            return ExitStatus.USAGE;
        }
        if (parsed.isEmpty()) {
            out.println(Usage.TEXT);
            return ExitStatus.PROVISIONED;
        }
        Options options = parsed.get();
        DataFolder data;
        Logs logs;
        try {
            data = DataFolder.open(options.data());
            logs = Logs.redirect(data.log());
        } catch (IOException e) {
            err.println("kprov-sandbox: cannot prepare the data folder: " + e);
            return ExitStatus.CANNOT_START;
        }
        Narrator narrator = new Narrator(out, start);
        Cleanup cleanup = new Cleanup();
        Thread hook = new Thread(() -> {
            narrator.step("sandbox", "interrupted: stopping everything");
            cleanup.close();
        }, "kprov-sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = ExitStatus.CANNOT_START;
        try {
            header(options, data, narrator);
            status = options.isGatewayOnly() ? new GatewayOnlyRun(options, data, narrator, cleanup).run()
                    : new EndToEndRun(options, data, narrator, cleanup).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            narrator.say("kprov-sandbox: interrupted");
        } finally {
            long stopping = System.nanoTime();
            cleanup.close();
            narrator.step("sandbox", "stopped everything in " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
            Runtime.getRuntime().removeShutdownHook(hook);
            logs.close();
            finish(data, status, narrator);
        }
        return status;
    }

    private static void header(Options options, DataFolder data, Narrator narrator) {
        narrator.say(options.isGatewayOnly()
                ? "kprov sandbox, gateway only: an emulated Kura gateway with the kprov agent, provisioned against "
                        + options.gatewayOnly().get().brokerUrl()
                : "kprov sandbox: the reference platform and " + (options.gateways() == 1 ? "one simulated gateway"
                        : options.gateways() + " simulated gateways") + ", provisioned end to end in this process");
        narrator.say("data folder " + data.root() + (data.isTemporary() ? " (temporary; --data DIR keeps it)"
                : data.isContinued() ? " (continuing from an earlier run)" : " (kept)") + ", log " + data.log());
    }

    private static void finish(DataFolder data, int status, Narrator narrator) {
        if (!data.isTemporary()) {
            return;
        }
        if (status != ExitStatus.PROVISIONED) {
            narrator.say("kept the temporary data folder for its log: " + data.root());
            return;
        }
        try {
            data.delete();
        } catch (IOException e) {
            narrator.say("could not delete the temporary data folder " + data.root() + ": " + e.getMessage());
        }
    }
}
