package dev.kprov.sandbox;

import dev.kprov.sandbox.run.Sandbox;

/**
 * {@code java -jar kprov-sandbox.jar}: a gateway provisioned end to end in one process, no gateway
 * needed ({@code --help}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Sandbox.run(args, System.out, System.err));
    }
}
