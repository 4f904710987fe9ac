package dev.kprov.fuzz.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutation, guided by outcomes: every input is a seed as it is, a structure-aware generated input,
 * a bound probe, or a seed, generated input or earlier input changed by the {@link Mutator}. An input
 * whose outcome class is new joins a pool that later mutations start from, so inputs that got further
 * into the reader are mutated further. The same seed and samples give the same run.
 */
public final class MutationEngine {

    /** Samples larger than this are run as they are, never mutated: each mutation would copy them. */
    private static final int MAX_MUTATED_BASE = 256 * 1024;
    private static final int POOL_SIZE = 512;
    private static final int MAX_POOLED = 64 * 1024;

    private final Target target;
    private final Harness harness;
    private final SplittableRandom random;
    private final Mutator mutator;
    private final List<byte[]> seeds = new ArrayList<>();
    private final List<Sample> large = new ArrayList<>();
    private final List<byte[]> pool = new ArrayList<>();
    private final int probeEvery;
    private final PrintStream progress;

    /**
     * @param probeEvery one input in this many is the next bound probe (0: none)
     * @param progress where progress lines go, or null
     */
    public MutationEngine(Target target, Harness harness, long seed, int probeEvery, PrintStream progress) {
        this.target = target;
        this.harness = harness;
        this.random = new SplittableRandom(seed ^ target.name().hashCode());
        this.mutator = new Mutator(random.split(), target.tokens(), target.maxInputBytes());
        this.probeEvery = probeEvery;
        this.progress = progress;
        for (Sample sample : target.seeds()) {
            if (sample.bytes().length > MAX_MUTATED_BASE) {
                large.add(sample);
            } else {
                seeds.add(sample.bytes());
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException(target.name() + " has no seed small enough to mutate");
        }
    }

    /** Runs every seed once, uncounted, so that class loading and the JIT do not weigh on the timings. */
    public void warmUp() {
        for (byte[] seed : seeds) {
            try {
                target.run(seed);
            } catch (RuntimeException | Error e) {
                // not counted here: every seed is also run, counted and judged, during the run itself
            }
        }
    }

    public Stats run(long inputs) {
        return run(inputs, 0);
    }

    /** Runs {@code inputs} inputs, or fewer when {@code maxSeconds} (0: no limit) pass first. */
    public Stats run(long inputs, long maxSeconds) {
        long deadline = maxSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + maxSeconds * 1_000_000_000L;
        Stats stats = harness.stats();
        stats.start();
        long nextReport = Math.max(1, inputs / 20);
        long lastReport = System.nanoTime();
        int probes = 0;
        int seedTurn = 0;
        for (long i = 0; i < inputs; i++) {
            if (System.nanoTime() - deadline > 0) {
                if (progress != null) {
                    progress.printf("  %s: time is up after %,d inputs%n", target.name(), i);
                }
                break;
            }
            byte[] input;
            if (probeEvery > 0 && i % probeEvery == probeEvery / 2) {
                input = nextProbe(probes++);
            } else {
                int roll = random.nextInt(1000);
                if (roll < 20) {
                    input = seeds.get(seedTurn++ % seeds.size());
                } else if (roll < 90) {
                    input = target.generate(random);
                } else {
                    input = mutator.mutate(base(), other());
                }
            }
            if (harness.exercise(input) && input.length <= MAX_POOLED) {
                remember(input);
            }
            boolean due = (i + 1) % nextReport == 0 || System.nanoTime() - lastReport > 30_000_000_000L;
            if (progress != null && due) {
                lastReport = System.nanoTime();
                progress.printf("  %s: %,d / %,d inputs, %.0f s, findings %d%n", target.name(), i + 1, inputs,
                        stats.seconds(), stats.findings());
            }
        }
        stats.stop();
        return stats;
    }

    private byte[] nextProbe(int index) {
        int count = target.probeCount() + large.size();
        if (count == 0) {
            return target.generate(random);
        }
        int which = index % count;
        return which < large.size() ? large.get(which).bytes() : target.probe(which - large.size()).bytes();
    }

    private byte[] base() {
        int roll = random.nextInt(100);
        if (roll < 55 || pool.isEmpty() && roll < 85) {
            return seeds.get(random.nextInt(seeds.size()));
        }
        if (roll < 85) {
            return pool.get(random.nextInt(pool.size()));
        }
        return target.generate(random);
    }

    private byte[] other() {
        if (!pool.isEmpty() && random.nextBoolean()) {
            return pool.get(random.nextInt(pool.size()));
        }
        return seeds.get(random.nextInt(seeds.size()));
    }

    private void remember(byte[] input) {
        if (pool.size() < POOL_SIZE) {
            pool.add(input);
        } else {
            pool.set(random.nextInt(POOL_SIZE), input);
        }
    }
}
