package org.adjoint4j.estimation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.adjoint4j.model.ModelSignature;
import org.adjoint4j.model.StateFunction;
import org.hipparchus.CalculusFieldElement;

/**
 * Measurements of states or observables at increasing times, read from CSV:
 * <pre>
 *   t,x,cases,cases_sigma
 *   0.5,1.23,41,6.4
 *   1.0,,52,7.2          (an empty cell: not measured then)
 * </pre>
 * The header is {@code t} followed by names of the model's states or observables (functions of
 * t, y and p, e.g. a model file's {@code observables}), in any order and any subset; a column
 * {@code NAME_sigma} gives the standard deviation of each value of column NAME (it must be &gt; 0
 * where NAME has a value). Bad input is rejected with the file, line and column: an unknown or
 * repeated column, a sigma column without its quantity, a row with a different number of cells
 * than the header, a cell that is not a number, times not strictly increasing or outside the
 * model's time span.
 */
public final class ObservedData {

    private final double[] times;
    private final String[] names;
    private final StateFunction[] functions;
    private final int[] states;
    private final double[][] values;
    private final double[][] sigmas;

    /**
     * Measurements of states, without sigmas.
     *
     * @param times strictly increasing measurement times (copied)
     * @param states the model state of each data column (copied)
     * @param values {@code values[k][c]}: column c at times[k], NaN where missing (copied)
     */
    public ObservedData(double[] times, int[] states, double[][] values) {
        this(times, stateNames(states), stateFunctions(states), states, values, null);
    }

    /**
     * @param times strictly increasing measurement times (copied)
     * @param names the quantity of each column
     * @param functions what each column measures, as a function of (t, y, p)
     * @param states the state each column is, or -1 for an observable (copied)
     * @param values {@code values[k][c]}: column c at times[k], NaN where missing (copied)
     * @param sigmas the standard deviation of each value, NaN where not given; or null for none
     */
    public ObservedData(double[] times, String[] names, StateFunction[] functions, int[] states, double[][] values,
            double[][] sigmas) {
        if (values.length != times.length) {
            throw new IllegalArgumentException(values.length + " rows of values for " + times.length + " times");
        }
        if (names.length != states.length || functions.length != states.length) {
            throw new IllegalArgumentException(names.length + " names and " + functions.length + " functions for "
                    + states.length + " columns");
        }
        this.times = times.clone();
        this.names = names.clone();
        this.functions = functions.clone();
        this.states = states.clone();
        this.values = new double[values.length][];
        this.sigmas = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            if (values[k].length != states.length) {
                throw new IllegalArgumentException("row " + k + " has " + values[k].length + " values for "
                        + states.length + " columns");
            }
            this.values[k] = values[k].clone();
            this.sigmas[k] = new double[states.length];
            Arrays.fill(this.sigmas[k], Double.NaN);
            if (sigmas != null) {
                for (int c = 0; c < states.length; c++) {
                    double s = sigmas[k][c];
                    if (!Double.isNaN(values[k][c]) && !Double.isNaN(s) && !(s > 0 && Double.isFinite(s))) {
                        throw new IllegalArgumentException("sigma of " + names[c] + " at t=" + times[k]
                                + " must be finite and > 0, got " + s);
                    }
                    this.sigmas[k][c] = s;
                }
            }
        }
    }

    private static String[] stateNames(int[] states) {
        String[] names = new String[states.length];
        for (int c = 0; c < states.length; c++) {
            names[c] = "y" + states[c];
        }
        return names;
    }

    private static StateFunction[] stateFunctions(int[] states) {
        StateFunction[] f = new StateFunction[states.length];
        for (int c = 0; c < states.length; c++) {
            f[c] = component(states[c]);
        }
        return f;
    }

    /**
     * @param i a state index
     * @return {@code g(t, y, p) = y_i}
     */
    static StateFunction component(int i) {
        return new StateFunction() {
            @Override
            public <T extends CalculusFieldElement<T>> T value(T t, T[] y, T[] p) {
                return y[i];
            }

            @Override
            public double value(double t, double[] y, double[] p) {
                return y[i];
            }

            @Override
            public void gradient(double t, double[] y, double[] p, double[] gy, double[] gp) {
                Arrays.fill(gy, 0.0);
                Arrays.fill(gp, 0.0);
                gy[i] = 1;
            }

            @Override
            public int parameterSupportStart(double t) {
                return 0;
            }

            @Override
            public int parameterSupportEnd(double t) {
                return 0;
            }
        };
    }

    /**
     * @param file a CSV file
     * @param model the model whose states the columns name
     * @param t0 start of the model's time span
     * @param t1 end of the model's time span
     * @return the data
     * @throws IllegalArgumentException naming the file, line and column of the first problem
     */
    public static ObservedData read(Path file, ModelSignature model, double t0, double t1) {
        return read(file, model, Map.of(), t0, t1);
    }

    /**
     * @param file a CSV file
     * @param model the model whose states the columns may name
     * @param observables the model's observables by name, which columns may name too
     * @param t0 start of the model's time span
     * @param t1 end of the model's time span
     * @return the data
     * @throws IllegalArgumentException naming the file, line and column of the first problem
     */
    public static ObservedData read(Path file, ModelSignature model, Map<String, StateFunction> observables,
            double t0, double t1) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines, model, observables, t0, t1);
    }

    /**
     * @param source the name used in messages
     * @param lines the CSV's lines
     * @param model the model whose states the columns name
     * @param t0 start of the model's time span
     * @param t1 end of the model's time span
     * @return the data
     * @throws IllegalArgumentException naming the source, line and column of the first problem
     */
    public static ObservedData parse(String source, List<String> lines, ModelSignature model, double t0, double t1) {
        return parse(source, lines, model, Map.of(), t0, t1);
    }

    /**
     * @param source the name used in messages
     * @param lines the CSV's lines
     * @param model the model whose states the columns may name
     * @param observables the model's observables by name, which columns may name too
     * @param t0 start of the model's time span
     * @param t1 end of the model's time span
     * @return the data
     * @throws IllegalArgumentException naming the source, line and column of the first problem
     */
    public static ObservedData parse(String source, List<String> lines, ModelSignature model,
            Map<String, StateFunction> observables, double t0, double t1) {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IllegalArgumentException(source + ": empty; expected a header t,<state names>");
        }
        String[] header = split(lines.get(first));
        String at = source + ":" + (first + 1);
        if (!header[0].equals("t")) {
            throw new IllegalArgumentException(at + ": the first column must be t, got '" + header[0] + "'");
        }
        if (header.length < 2) {
            throw new IllegalArgumentException(at + ": no columns after t; states: " + names(model)
                    + (observables.isEmpty() ? "" : "; observables: " + String.join(", ", observables.keySet())));
        }
        // Quantity columns first, then each NAME_sigma column paired with its quantity.
        List<Integer> quantityColumns = new ArrayList<>();
        List<String> quantityNames = new ArrayList<>();
        List<StateFunction> quantityFunctions = new ArrayList<>();
        List<Integer> quantityStates = new ArrayList<>();
        for (int c = 1; c < header.length; c++) {
            if (header[c].endsWith("_sigma")) {
                continue;
            }
            int index = stateIndex(model, header[c]);
            StateFunction observable = observables.get(header[c]);
            if (index < 0 && observable == null) {
                throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c]
                        + "' is not a state of the model (" + names(model) + ")"
                        + (observables.isEmpty() ? "" : " nor an observable (" + String.join(", ",
                                observables.keySet()) + ")"));
            }
            if (quantityNames.contains(header[c])) {
                throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c] + "' appears twice");
            }
            quantityColumns.add(c);
            quantityNames.add(header[c]);
            quantityFunctions.add(index >= 0 ? component(index) : observable);
            quantityStates.add(index);
        }
        int[] sigmaColumn = new int[quantityNames.size()];
        Arrays.fill(sigmaColumn, -1);
        for (int c = 1; c < header.length; c++) {
            if (header[c].endsWith("_sigma")) {
                String of = header[c].substring(0, header[c].length() - "_sigma".length());
                int q = quantityNames.indexOf(of);
                if (q < 0) {
                    throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c]
                            + "' has no column '" + of + "' to give the sigma of");
                }
                if (sigmaColumn[q] >= 0) {
                    throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c]
                            + "' appears twice");
                }
                sigmaColumn[q] = c;
            }
        }
        int[] states = quantityStates.stream().mapToInt(Integer::intValue).toArray();
        List<Double> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<double[]> sigmaRows = new ArrayList<>();
        int previousLine = -1;
        for (int l = first + 1; l < lines.size(); l++) {
            if (lines.get(l).isBlank()) {
                continue;
            }
            String where = source + ":" + (l + 1);
            String[] cells = split(lines.get(l));
            if (cells.length != header.length) {
                throw new IllegalArgumentException(where + ": " + cells.length + " cells, the header has "
                        + header.length + " (" + String.join(",", header) + ")");
            }
            double t = number(cells[0], where, "t");
            if (Double.isNaN(t)) {
                throw new IllegalArgumentException(where + ", column t: the time is missing");
            }
            if (t < t0 || t > t1) {
                throw new IllegalArgumentException(where + ": t=" + cells[0] + " is outside the model's time span ["
                        + t0 + ", " + t1 + "]");
            }
            if (!times.isEmpty() && !(t > times.get(times.size() - 1))) {
                throw new IllegalArgumentException(where + ": t=" + cells[0] + " is not after t="
                        + times.get(times.size() - 1) + " on line " + (previousLine + 1)
                        + " (times must increase strictly)");
            }
            double[] row = new double[states.length];
            double[] sigmaRow = new double[states.length];
            for (int q = 0; q < states.length; q++) {
                int c = quantityColumns.get(q);
                row[q] = number(cells[c], where, header[c]);
                sigmaRow[q] = sigmaColumn[q] < 0 ? Double.NaN : number(cells[sigmaColumn[q]], where,
                        header[sigmaColumn[q]]);
                if (!Double.isNaN(row[q]) && sigmaColumn[q] >= 0 && !(sigmaRow[q] > 0)) {
                    throw new IllegalArgumentException(where + ", column " + header[sigmaColumn[q]] + ": the sigma of a "
                            + "measured value must be > 0, got '" + cells[sigmaColumn[q]] + "'");
                }
            }
            times.add(t);
            rows.add(row);
            sigmaRows.add(sigmaRow);
            previousLine = l;
        }
        if (times.isEmpty()) {
            throw new IllegalArgumentException(source + ": no data rows after the header");
        }
        return new ObservedData(times.stream().mapToDouble(Double::doubleValue).toArray(),
                quantityNames.toArray(new String[0]), quantityFunctions.toArray(new StateFunction[0]), states,
                rows.toArray(new double[0][]), sigmaRows.toArray(new double[0][]));
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    /** A cell's number; NaN for an empty cell. */
    private static double number(String cell, String where, String column) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ", column " + column + ": '" + cell + "' is not a number");
        }
    }

    private static int stateIndex(ModelSignature model, String name) {
        for (int i = 0; i < model.stateDimension(); i++) {
            if (model.stateName(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String names(ModelSignature model) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < model.stateDimension(); i++) {
            names.add(model.stateName(i));
        }
        return String.join(", ", names);
    }

    /** @return the measurement times (a copy) */
    public double[] times() {
        return times.clone();
    }

    /** @return the model state of each column, -1 for an observable (a copy) */
    public int[] states() {
        return states.clone();
    }

    /** @return the number of quantity columns */
    public int columns() {
        return states.length;
    }

    /**
     * @param c a column
     * @return the name of its quantity
     */
    public String name(int c) {
        return names[c];
    }

    /**
     * @param c a column
     * @return what it measures, as a function of (t, y, p)
     */
    public StateFunction function(int c) {
        return functions[c];
    }

    /**
     * @param k a time index
     * @param c a column
     * @return the sigma given with the value, NaN if none
     */
    public double sigma(int k, int c) {
        return sigmas[k][c];
    }

    /**
     * @param k a time index
     * @param c a column
     * @return the value, NaN if missing
     */
    public double value(int k, int c) {
        return values[k][c];
    }

    /**
     * @param until the last time kept
     * @return the measurements at times up to {@code until}
     */
    public ObservedData until(double until) {
        int count = 0;
        while (count < times.length && times[count] <= until) {
            count++;
        }
        return new ObservedData(Arrays.copyOf(times, count), names, functions, states, Arrays.copyOf(values, count),
                Arrays.copyOf(sigmas, count));
    }

    /** @return the number of measured (non-missing) values */
    public int count() {
        int count = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return times.length + " times, columns " + Arrays.toString(names) + ", " + count() + " values";
    }
}
