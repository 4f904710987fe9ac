package dev.kprov.bench.micro;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import dev.kprov.bench.Csv;

/**
 * The figures of a micro run: one row per benchmark (and per secondary result of a profiler, such as
 * {@code -prof gc}), printed as a table and written as {@code micro.csv}.
 */
final class ResultTable {

    static final String FILE = "micro.csv";
    static final List<String> HEADER = List.of("benchmark", "mode", "score", "error", "unit");

    private static final String PACKAGE = ResultTable.class.getPackageName() + ".";
    private static final MathContext FIGURES = new MathContext(4);

    private final List<List<Object>> rows;

    private ResultTable(List<List<Object>> rows) {
        this.rows = rows;
    }

    static ResultTable of(Collection<RunResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String name = name(params);
            String mode = params.getMode().shortLabel();
            rows.add(row(name, mode, result.getPrimaryResult()));
            // JMH declares this map with the raw type Result
            for (Map.Entry<String, ?> secondary : result.getSecondaryResults().entrySet()) {
                rows.add(row(name + ":" + secondary.getKey(), mode, (Result<?>) secondary.getValue()));
            }
        }
        return new ResultTable(rows);
    }

    List<List<Object>> rows() {
        return rows;
    }

    void print(PrintStream out) {
        int width = HEADER.get(0).length();
        for (List<Object> row : rows) {
            width = Math.max(width, row.get(0).toString().length());
        }
        String format = "%-" + width + "s  %-6s %12s %12s  %s%n";
        out.printf(format, HEADER.toArray());
        for (List<Object> row : rows) {
            out.printf(format, row.toArray());
        }
    }

    Path writeCsv(Path dir) throws IOException {
        return Csv.write(dir, FILE, HEADER, rows);
    }

    /** The class and method, without this package, then any {@code @Param} values (no comma: it is CSV). */
    private static String name(BenchmarkParams params) {
        String name = params.getBenchmark();
        if (name.startsWith(PACKAGE)) {
            name = name.substring(PACKAGE.length());
        }
        if (params.getParamsKeys().isEmpty()) {
            return name;
        }
        StringJoiner values = new StringJoiner(";", "[", "]");
        for (String key : params.getParamsKeys()) {
            values.add(key + "=" + params.getParam(key));
        }
        return name + values;
    }

    private static List<Object> row(String name, String mode, Result<?> result) {
        return List.of(name, mode, figure(result.getScore()), figure(result.getScoreError()), result.getScoreUnit());
    }

    /** Four significant figures, plain notation; NaN when JMH has none (a single iteration has no error). */
    static String figure(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "NaN";
        }
        return new BigDecimal(value).round(FIGURES).stripTrailingZeros().toPlainString();
    }
}
