package dev.kprov.fuzz.engine;

/** A named input: a seed built with the real encoders and signers, a conformance vector, or a bound probe. */
public record Sample(String name, byte[] bytes) {

    @Override
    public String toString() {
        return name + " (" + bytes.length + " bytes)";
    }
}
