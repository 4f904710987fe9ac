package dev.kprov.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.kprov.fuzz.engine.Target;
import dev.kprov.fuzz.engine.Verdict;
import dev.kprov.fuzz.seed.Conformance;

/**
 * The shortest input of every kind of finding the fuzz runs made (docs/RELIABILITY.md), kept as files
 * named {@code <target>-<what>.bin}: each must now end in the reader's typed rejection, like any input.
 */
class FindingsRegressionTest {

    @TestFactory
    Stream<DynamicTest> everyKeptFindingEndsInATypedRejection() throws Exception {
        Targets targets = new Targets(Conformance.locate(Optional.empty()));
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder())) {
            files = listed.filter(f -> f.toString().endsWith(".bin")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            Target target = targets.make(name.substring(0, name.indexOf('-')));
            byte[] input = Files.readAllBytes(file);
            Verdict verdict = assertDoesNotThrow(() -> target.run(input),
                    name + " must end in the reader's typed rejection, not an unchecked exception");
            // a typed rejection or an acceptance are both fine; the point is that it came back
            assertDoesNotThrow(verdict::label);
        }));
    }

    private static Path folder() throws URISyntaxException {
        return Paths.get(FindingsRegressionTest.class.getResource("findings").toURI());
    }
}
