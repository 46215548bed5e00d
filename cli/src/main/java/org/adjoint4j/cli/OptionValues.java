package org.adjoint4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values inside option arguments ({@code NAME=VALUE} pairs, numbers, {@code LO:HI} ranges), parsed
 * with messages that name the option and the text: one place for what several commands accept.
 */
final class OptionValues {

    private OptionValues() {
    }

    /** NAME=VALUE split at the first '='; the message shows the expected form. */
    static String[] keyValue(String option, String pair, String expected) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " " + pair + ": expected " + expected);
        }
        return new String[] {pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()};
    }

    /** A number (infinities allowed, NaN refused). */
    static double number(String where, String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text.trim() + "' is not a number");
        }
    }

    /** LO:HI with either side empty for an open bound, LO below HI. */
    static double[] range(String where, String text, String expected) {
        String[] range = text.split(":", -1);
        if (range.length != 2) {
            throw new IllegalArgumentException(where + ": expected " + expected);
        }
        double lo = range[0].isBlank() ? Double.NEGATIVE_INFINITY : number(where, range[0]);
        double hi = range[1].isBlank() ? Double.POSITIVE_INFINITY : number(where, range[1]);
        if (!(lo < hi)) {
            throw new IllegalArgumentException(where + ": " + lo + " is not below " + hi);
        }
        return new double[] {lo, hi};
    }

    /** NAME=VALUE pairs, each name once. */
    static Map<String, Double> pairs(String option, List<String> list) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pair : list) {
            String[] kv = keyValue(option, pair, "NAME=VALUE, e.g. " + option + " a=1.2");
            if (values.put(kv[0], number(option + " " + pair, kv[1])) != null) {
                throw new IllegalArgumentException(option + ": " + kv[0] + " is given twice");
            }
        }
        return values;
    }
}
