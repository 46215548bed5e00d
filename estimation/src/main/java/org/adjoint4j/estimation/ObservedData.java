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
import org.adjoint4j.model.ModelSignature;

/**
 * Measurements of some states at increasing times, read from CSV:
 * <pre>
 *   t,x,y
 *   0.5,1.23,0.41
 *   1.0,,0.52          (an empty cell: that state was not measured then)
 * </pre>
 * The header is {@code t} followed by state names of the model, in any order and any subset.
 * Bad input is rejected with the file, line and column: an unknown or repeated column, a row
 * with a different number of cells than the header, a cell that is not a number, times not
 * strictly increasing or outside the model's time span.
 */
public final class ObservedData {

    private final double[] times;
    private final int[] states;
    private final double[][] values;

    /**
     * @param times strictly increasing measurement times (copied)
     * @param states the model state of each data column (copied)
     * @param values {@code values[k][c]}: column c at times[k], NaN where missing (copied)
     */
    public ObservedData(double[] times, int[] states, double[][] values) {
        if (values.length != times.length) {
            throw new IllegalArgumentException(values.length + " rows of values for " + times.length + " times");
        }
        this.times = times.clone();
        this.states = states.clone();
        this.values = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            if (values[k].length != states.length) {
                throw new IllegalArgumentException("row " + k + " has " + values[k].length + " values for "
                        + states.length + " columns");
            }
            this.values[k] = values[k].clone();
        }
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
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines, model, t0, t1);
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
            throw new IllegalArgumentException(at + ": no state columns after t; states: " + names(model));
        }
        int[] states = new int[header.length - 1];
        for (int c = 1; c < header.length; c++) {
            int index = stateIndex(model, header[c]);
            if (index < 0) {
                throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c]
                        + "' is not a state of the model (" + names(model) + ")");
            }
            for (int d = 1; d < c; d++) {
                if (states[d - 1] == index) {
                    throw new IllegalArgumentException(at + ", column " + (c + 1) + ": '" + header[c]
                            + "' appears twice");
                }
            }
            states[c - 1] = index;
        }
        List<Double> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
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
            for (int c = 1; c < cells.length; c++) {
                row[c - 1] = number(cells[c], where, header[c]);
            }
            times.add(t);
            rows.add(row);
            previousLine = l;
        }
        if (times.isEmpty()) {
            throw new IllegalArgumentException(source + ": no data rows after the header");
        }
        return new ObservedData(times.stream().mapToDouble(Double::doubleValue).toArray(), states,
                rows.toArray(new double[0][]));
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

    /** @return the model state of each column (a copy) */
    public int[] states() {
        return states.clone();
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
        return new ObservedData(Arrays.copyOf(times, count), states, Arrays.copyOf(values, count));
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
        return times.length + " times, columns " + Arrays.toString(states) + ", " + count() + " values";
    }
}
