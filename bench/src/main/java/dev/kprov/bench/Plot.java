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
import org.jfree.chart.renderer.xy.XYStepRenderer;
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
        Path fleetTimes = csvDir.resolve("fleet-times.csv");
        if (Files.exists(fleetTimes)) {
            fleetCdf(fleetTimes, pngDir.resolve("fleet-cdf.png"));
        }
        Path fleet = csvDir.resolve("fleet.csv");
        if (Files.exists(fleet)) {
            fleetRate(fleet, pngDir.resolve("fleet-rate.png"));
        }
        Path storm = csvDir.resolve("storm-arrivals.csv");
        if (Files.exists(storm)) {
            stormArrivals(storm, pngDir.resolve("storm-arrivals.png"));
        }
    }

    /** Connection attempts per second during the storm. */
    private static void stormArrivals(Path csv, Path png) throws IOException {
        XYSeries attempts = new XYSeries("connection attempts per second");
        for (String[] cells : rows(csv)) {
            attempts.add(Double.parseDouble(cells[0]), Double.parseDouble(cells[1]));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Storm: connection attempts while the broker is down, then back",
                "seconds since the gateways were enabled", "attempts per second", new XYSeriesCollection(attempts),
                PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(new XYStepRenderer());
        save(chart, png);
    }

    /** The CDF of CONNECTING to PROVISIONED, one curve per fleet size. */
    private static void fleetCdf(Path csv, Path png) throws IOException {
        Map<String, List<Double>> bySize = new LinkedHashMap<>();
        for (String[] cells : rows(csv)) {
            bySize.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(Double.parseDouble(cells[1]));
        }
        XYSeriesCollection series = new XYSeriesCollection();
        for (Map.Entry<String, List<Double>> size : bySize.entrySet()) {
            series.addSeries(cdf(size.getKey() + " gateways", size.getValue()));
        }
        save(ChartFactory.createXYLineChart("Fleet: time from CONNECTING to PROVISIONED", "milliseconds",
                "fraction of gateways", series, PlotOrientation.VERTICAL, true, false, false), png);
    }

    /** Gateways provisioned per second against the fleet's size. */
    private static void fleetRate(Path csv, Path png) throws IOException {
        XYSeries rate = new XYSeries("gateways per second");
        for (String[] cells : rows(csv)) {
            rate.add(Double.parseDouble(cells[0]), Double.parseDouble(cells[2]));
        }
        save(ChartFactory.createXYLineChart("Fleet: gateways provisioned per second", "gateways in the fleet",
                "gateways per second", new XYSeriesCollection(rate), PlotOrientation.VERTICAL, true, false, false), png);
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        return rows;
    }

    private static XYSeries cdf(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        XYSeries cdf = new XYSeries(name);
        for (int i = 0; i < sorted.size(); i++) {
            cdf.add(sorted.get(i).doubleValue(), (i + 1) / (double) sorted.size());
        }
        return cdf;
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        System.out.println("wrote " + png);
    }

    /** The CDF of the whole time of each kind's runs: the agent to PROVISIONED, each floor to its reply. */
    private static void oneGatewayCdf(Path csv, Path png) throws IOException {
        Map<String, List<Double>> totals = new LinkedHashMap<>();
        for (String[] cells : rows(csv)) {
            String kind = cells[0];
            String phase = cells[2];
            if (phase.equals("PROVISIONED") || phase.equals("reply")) {
                totals.computeIfAbsent(kind, k -> new ArrayList<>()).add(Double.parseDouble(cells[3]));
            }
        }
        XYSeriesCollection series = new XYSeriesCollection();
        for (Map.Entry<String, List<Double>> kind : totals.entrySet()) {
            series.addSeries(cdf(kind.getKey().equals("agent") ? "agent, CONNECTING to PROVISIONED"
                    : kind.getKey() + ", connect to reply", kind.getValue()));
        }
        save(ChartFactory.createXYLineChart("One gateway over TLS on loopback: time of each run", "milliseconds",
                "fraction of runs", series, PlotOrientation.VERTICAL, true, false, false), png);
    }
}
