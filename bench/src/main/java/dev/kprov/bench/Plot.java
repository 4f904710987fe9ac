package dev.kprov.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code plot}: the PNG figures of docs/BENCHMARKS.md, drawn with JFreeChart from the CSV files the
 * benchmarks wrote, so that they can be drawn again from any run's CSVs.
 */
final class Plot {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private Plot() {
    }

    static void run(Path csvDir, Path pngDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(pngDir);
        Path runs = csvDir.resolve("one-gateway-runs.csv");
        if (Files.exists(runs)) {
            oneGatewayCdf(runs, pngDir.resolve("one-gateway-cdf.png"));
        }
    }

    /** The CDF of the whole time of each kind's runs: the agent to PROVISIONED, each floor to its reply. */
    private static void oneGatewayCdf(Path csv, Path png) throws IOException {
        Map<String, List<Double>> totals = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            String kind = cells[0];
            String phase = cells[2];
            if (phase.equals("PROVISIONED") || phase.equals("reply")) {
                totals.computeIfAbsent(kind, k -> new ArrayList<>()).add(Double.parseDouble(cells[3]));
            }
        }
        XYSeriesCollection series = new XYSeriesCollection();
        for (Map.Entry<String, List<Double>> kind : totals.entrySet()) {
            List<Double> values = kind.getValue();
            Collections.sort(values);
            XYSeries cdf = new XYSeries(kind.getKey().equals("agent") ? "agent, CONNECTING to PROVISIONED"
                    : kind.getKey() + ", connect to reply");
            for (int i = 0; i < values.size(); i++) {
                cdf.add(values.get(i).doubleValue(), (i + 1) / (double) values.size());
            }
            series.addSeries(cdf);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("One gateway over TLS on loopback: time of each run",
                "milliseconds", "fraction of runs", series, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        System.out.println("wrote " + png);
    }
}
