package dev.kprov.sandbox.cli;

/** The text of {@code --help}. */
public final class Usage {

    public static final String TEXT = String.join("\n",
            "usage: java -jar kprov-sandbox.jar [options]",
            "",
            "Starts, in this one process, the kprov reference platform (an MQTT broker with TLS on 127.0.0.1,",
            "a port chosen now) with a provision request, and an OSGi framework holding the Kura emulator and",
            "the kprov agent; enables the agent and shows each step until the gateway is PROVISIONED and the",
            "platform's job COMPLETED. Passwords and keys are generated and shown only as " + "<set>" + ".",
            "",
            "  --gateways N          N simulated gateways (1 to " + Options.MAX_GATEWAYS + ", default 1), each in its own",
            "                        framework, all provisioned at the same time against the one platform",
            "  --data DIR            keep the state in DIR (platform keys, each gateway's framework storage,",
            "                        configuration, keystore, snapshots, installed packages, the agent's journal)",
            "                        and the log; a later run on DIR continues from it: a gateway provisioned",
            "                        before stays PROVISIONED. Default: a temporary folder, deleted at exit",
            "  --fail WHAT           inject a failure and watch the agent retry (3 attempts) and give up:",
            "                        " + FailureMode.choices(),
            "                          wrong-activation-key        the request's key differs from the agent's",
            "                          untrusted-chain             the gateway does not trust the signer root",
            "                          unreachable-account-broker  the delivered configuration names a closed",
            "                                                      port: applied, then rolled back",
            "  --wait SECONDS        how long the agent has to end, from enabling it (default "
                    + Options.DEFAULT_WAIT.toSeconds() + ")",
            "  --help                this text",
            "",
            "Gateway only: no platform, just the emulated gateway and the agent, provisioned against the",
            "broker and platform named here (the agent's settings, README.md \"Settings\"):",
            "  --gateway-only",
            "  --broker-url URL      provision broker, mqtts://host:port (required)",
            "  --account-name NAME   provision account (default kura-provision)",
            "  --client-id ID        default: the emulated MAC address, 00E0C7A1B2C3",
            "  --username NAME       default: {client-id}-{serial number}",
            "  --password VALUE | --password-file FILE                (a file's first line)",
            "  --activation-key VALUE | --activation-key-file FILE    (optional)",
            "  --ca-authentication true|false                         (default true)",
            "  --timeout SECONDS     default " + GatewayOnlySettings.DEFAULT_TIMEOUT,
            "  --retry-interval SECONDS  default " + GatewayOnlySettings.DEFAULT_RETRY_INTERVAL,
            "  --retry-max-attempts N    default " + GatewayOnlySettings.DEFAULT_RETRY_MAX_ATTEMPTS
                    + " (-1: keep trying until --wait)",
            "  --trust FILE          PEM certificates the gateway trusts: the broker's CA and the signer's root",
            "  --serial SERIAL       the gateway's serial number (default " + GatewayOnlySettings.DEFAULT_SERIAL + ")",
            "  --state DIR           write the gateway's state (every configuration property, keystore entry,",
            "                        bundle, and whether a run is in progress) to DIR/before.txt just before the",
            "                        agent is enabled and to DIR/after.txt at the end, to compare with diff",
            "  --crash-at POINT      a power cut: kill this process (SIGKILL) once the agent's journal shows",
            "                        POINT of its apply run, or a later one; restart on the same --data to watch",
            "                        the agent undo the cut run. POINT: " + CrashPoint.choices(),
            "  Values given on the command line are visible to other users of this machine: prefer the -file",
            "  forms for secrets.",
            "",
            "Exit status: 0 every gateway PROVISIONED; 1 not provisioned (FAILED, MISCONFIGURED, or --wait",
            "passed; with --fail this is the expected end); 2 wrong arguments; 3 the platform or a framework",
            "could not start; 137 killed by --crash-at. Logs of the platform and the gateways go to sandbox.log",
            "in the data folder.");

    private Usage() {
    }
}
