package dev.kprov.fuzz.engine;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One reader of the agent under fuzzing, with what the engines need to feed it. {@link #run} returns the
 * reader's verdict, catching only the reader's documented rejection type; anything else it lets through,
 * and the harness counts it as a finding.
 */
public interface Target {

    /** {@code payload}, {@code cms} or {@code xml}: the name on the command line and in findings. */
    String name();

    /** Valid samples (and conformance vectors) that mutation starts from. */
    List<Sample> seeds();

    /** Byte strings of the format (tags, markers, keywords) that the mutator inserts and overwrites with. */
    List<byte[]> tokens();

    /** A structure-aware input made from scratch with the format's own rules, valid or nearly. */
    byte[] generate(SplittableRandom random);

    /** How many bound probes there are: inputs at and just past the bounds of PROTOCOL.md section 7. */
    int probeCount();

    /** Bound probe {@code index}, made when asked: some are tens of megabytes. */
    Sample probe(int index);

    /** The largest input a mutation may produce: just past the reader's outer bound. */
    int maxInputBytes();

    /** Feeds one input to the reader. */
    Verdict run(byte[] input);
}
