package dev.kprov.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One CSV file of figures: a header and rows, numbers as they are, no quoting needed. */
public final class Csv {

    private Csv() {
    }

    public static Path write(Path dir, String name, List<String> header, List<List<Object>> rows) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", header));
            out.write('\n');
            for (List<Object> row : rows) {
                StringBuilder line = new StringBuilder();
                for (Object value : row) {
                    if (line.length() > 0) {
                        line.append(',');
                    }
                    line.append(value);
                }
                out.write(line.append('\n').toString());
            }
        }
        System.out.println("wrote " + file);
        return file;
    }
}
