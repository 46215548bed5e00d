package org.adjoint4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.adjoint4j.adjoint.GradientOptions;
import org.adjoint4j.adjoint.GradientProblem;
import org.adjoint4j.adjoint.GradientSolver;
import org.adjoint4j.estimation.Experiment;
import org.adjoint4j.estimation.FitResult;
import org.adjoint4j.estimation.ObservedData;
import org.adjoint4j.model.StateFunction;

/**
 * The fitted trajectories of a fit, experiment by experiment, on 401 points of the time span with
 * every measurement time among them: the observed quantities against their data, with the residuals
 * {@code data - fit} below (a PNG), and every state and observable as CSV.
 */
final class FittedCurves {

    private static final int SAMPLES = 400;

    private final FitResult result;
    private final List<Experiment> experiments;
    private final Map<String, StateFunction> observables;
    private final List<double[]> times = new ArrayList<>();
    private final List<double[][]> states = new ArrayList<>();

    FittedCurves(FitResult result, List<Experiment> experiments, GradientOptions options,
            Map<String, StateFunction> observables) {
        this.result = result;
        this.experiments = experiments;
        this.observables = observables;
        for (int e = 0; e < experiments.size(); e++) {
            GradientProblem fitted = result.experiments().get(e);
            double t0 = fitted.initialTime();
            double t1 = fitted.finalTime();
            java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
            for (int k = 0; k <= SAMPLES; k++) {
                grid.add(k == SAMPLES ? t1 : t0 + (t1 - t0) * k / SAMPLES);
            }
            for (double t : experiments.get(e).data().times()) {
                grid.add(t);
            }
            double[] t = grid.stream().mapToDouble(Double::doubleValue).toArray();
            times.add(t);
            states.add(GradientSolver.trajectory(fitted, options, t));
        }
    }

    /** Every state and observable of every experiment, one row per time. */
    void writeCsv(Path file) throws IOException {
        GradientProblem first = result.experiments().get(0);
        int n = first.model().stateDimension();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("experiment,t");
            for (int i = 0; i < n; i++) {
                header.append(',').append(first.model().stateName(i));
            }
            for (String name : observables.keySet()) {
                header.append(',').append(name);
            }
            out.println(header);
            for (int e = 0; e < experiments.size(); e++) {
                double[] p = result.experiments().get(e).parameters();
                for (int k = 0; k < times.get(e).length; k++) {
                    double t = times.get(e)[k];
                    double[] y = states.get(e)[k];
                    StringBuilder row = new StringBuilder(csvCell(experiments.get(e).name())).append(',').append(t);
                    for (int i = 0; i < n; i++) {
                        row.append(',').append(y[i]);
                    }
                    for (StateFunction h : observables.values()) {
                        row.append(',').append(h.value(t, y, p));
                    }
                    out.println(row);
                }
            }
        }
    }

    private static String csvCell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /**
     * Data and fits of the observed quantities (one color per quantity and experiment), residuals
     * below; with {@code allStates}, the states no data column measures as well, as lines.
     */
    void plot(Path file, boolean logAxis, boolean allStates) throws IOException {
        List<Plots.Curve> fits = new ArrayList<>();
        List<Plots.Curve> residuals = new ArrayList<>();
        int color = 0;
        for (int e = 0; e < experiments.size(); e++) {
            ObservedData data = experiments.get(e).data();
            double[] p = result.experiments().get(e).parameters();
            double[] t = times.get(e);
            double[] dataTimes = data.times();
            String suffix = experiments.size() > 1 ? ", " + shortName(experiments.get(e).name()) : "";
            for (int c = 0; c < data.columns(); c++) {
                StateFunction h = data.function(c);
                double[] fitted = new double[t.length];
                for (int k = 0; k < t.length; k++) {
                    fitted[k] = h.value(t[k], states.get(e)[k], p);
                }
                double[] measured = new double[dataTimes.length];
                double[] residual = new double[dataTimes.length];
                // standardized where the data give every sigma of the column: comparable across columns
                boolean standardized = true;
                for (int k = 0; k < dataTimes.length; k++) {
                    standardized &= Double.isNaN(data.value(k, c)) || data.sigma(k, c) > 0;
                }
                for (int k = 0; k < dataTimes.length; k++) {
                    measured[k] = data.value(k, c);
                    int at = java.util.Arrays.binarySearch(t, dataTimes[k]);
                    residual[k] = (measured[k] - fitted[at]) / (standardized ? data.sigma(k, c) : 1.0);
                }
                String name = data.name(c) + suffix;
                fits.add(new Plots.Curve(name + " (data)", dataTimes, measured, Plots.Style.MARKERS, color));
                fits.add(new Plots.Curve(name + " (fit)", t, fitted, Plots.Style.LINE, color));
                residuals.add(new Plots.Curve(name + (standardized ? " (data - fit)/sigma" : " (data - fit)"), dataTimes,
                        residual, Plots.Style.MARKERS, color));
                color++;
            }
            for (int i = 0; allStates && i < result.fitted().model().stateDimension(); i++) {
                String state = result.fitted().model().stateName(i);
                boolean measured = false;
                for (int c = 0; c < data.columns(); c++) {
                    measured |= data.name(c).equals(state);
                }
                if (!measured) {
                    double[] values = new double[t.length];
                    for (int k = 0; k < t.length; k++) {
                        values[k] = states.get(e)[k][i];
                    }
                    fits.add(new Plots.Curve(state + suffix + " (not measured)", t, values, Plots.Style.LINE, color++));
                }
            }
        }
        Plots.write(file, result.fitted().name() + ": data, fit and residuals", List.of(fits, residuals),
                List.of("observed quantity", "residual"), new boolean[] {logAxis, false});
    }

    private static String shortName(String name) {
        Path p = Path.of(name).getFileName();
        return p == null ? name : p.toString();
    }
}
