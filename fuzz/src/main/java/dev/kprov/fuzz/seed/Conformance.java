package dev.kprov.fuzz.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.kprov.fuzz.engine.Sample;

/**
 * The independent conformance vectors of shared/conformance, used as seeds when they can be found: from
 * {@code -Dkprov.conformance.dir}, else the first {@code shared/conformance} with an index.json found
 * going up from the working directory or from the jar's folder.
 */
public final class Conformance {

    public static final String PROPERTY = "kprov.conformance.dir";
    private static final int LEVELS_UP = 5;

    private final Path folder;

    private Conformance(Path folder) {
        this.folder = folder;
    }

    public static Optional<Conformance> locate(Optional<Path> given) {
        if (given.isPresent()) {
            return Optional.of(new Conformance(given.get()));
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && Files.isRegularFile(Paths.get(property, "index.json"))) {
            return Optional.of(new Conformance(Paths.get(property).toAbsolutePath().normalize()));
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Paths.get("").toAbsolutePath());
        try {
            starts.add(Paths.get(Conformance.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath());
        } catch (Exception e) {
            // no code source (an unusual class loader): the working directory is searched alone
        }
        for (Path start : starts) {
            Path at = start;
            for (int i = 0; i < LEVELS_UP && at != null; i++, at = at.getParent()) {
                Path candidate = at.resolve("shared").resolve("conformance");
                if (Files.isRegularFile(candidate.resolve("index.json"))) {
                    return Optional.of(new Conformance(candidate.normalize()));
                }
            }
        }
        return Optional.empty();
    }

    public Path folder() {
        return folder;
    }

    /** Every reply vector (and the request example), as it would arrive on the wire. */
    public List<Sample> replies() {
        return files(folder.resolve("replies"), ".bin");
    }

    /** Every configuration document, accepted or not. */
    public List<Sample> xml() {
        return files(folder.resolve("xml"), ".xml");
    }

    public Path trustedRoots() {
        return folder.resolve("trust").resolve("trusted-roots.pem");
    }

    private static List<Sample> files(Path dir, String suffix) {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                samples.add(new Sample("conformance/" + dir.getFileName() + "/" + file.getFileName(),
                        Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance vectors in " + dir, e);
        }
        return samples;
    }
}
