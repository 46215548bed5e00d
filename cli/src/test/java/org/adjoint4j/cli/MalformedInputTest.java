package org.adjoint4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random command lines, valid and malformed, thrown at every subcommand: each ends with
 * exit code 0, 1 (a failure of the computation, one line) or 2 (bad input, exactly one line on
 * standard error), never with a stack trace or an internal error, and never without output on
 * success.
 */
class MalformedInputTest {

    private static final String[][] GRADIENT = {
        {"--n", "0", "-3", "6", "12", "abc", "2147483648"},
        {"--method", "rk4", "dopri5", "esdirk4", "beuler", "cn", "radau", ""},
        {"--steps", "0", "-1", "10", "40", "x", "2147483648"},
        {"--rtol", "1e-6", "0", "-1", "NaN", "Infinity", "abc"},
        {"--atol", "1e-9", "0", "-1e-3", "abc"},
        {"--checkpoints", "store-all", "binomial:3", "binomial:0", "binomial:x", "online:2", "uniform:5", "uniform:-1",
            "disk:1,2", "disk:0,0", "foo", "binomial:"},
        {"--format", "json", "csv", "table", "xml"},
        {"--memory", "1m", "0", "12x", "64k"},
        {"--check", "auto", "on", "off", "maybe"},
        {"--hvp", "a=1", "a=1,y0.x=2", "q=1", "a", "a=x", "a=Infinity"},
        {"--model", "missing.json"},
    };

    private static final String[][] CONTROL = {
        {"--intervals", "0", "-1", "5", "x", "8"},
        {"--parameterization", "constant", "linear", "cubic"},
        {"--bound", "0", "-1", "1.5", "x"},
        {"--bounds", "0:", ":1", "1:0", "x:1", "0:1:2"},
        {"--steps-per-interval", "0", "1", "2", "x"},
        {"--format", "json", "csv", "table", "x"},
    };

    private static final String[][] SCHEDULE = {
        {"--steps", "0", "-1", "10", "x", "100000"},
        {"--snapshots", "0", "1", "3", "x"},
        {"--kind", "binomial", "online", "disk", "foo"},
        {"--format", "table", "json", "text", "x"},
    };

    private static final String[][] FIT = {
        {"--fit", "a,b", "q", "a,a", ""},
        {"--initial", "a=1.4", "a=x", "b", "q=1", "a=NaN"},
        {"--optimizer", "lm", "lbfgs", "foo"},
        {"--format", "json", "table", "x"},
        {"--bounds", "a=0.5:3", "a=1", "a=x:2", "q=0:1", "a=3:1"},
        {"--starts", "0", "2", "x"},
        {"--sigma", "x=0.1", "x=0", "z=1", "x"},
        {"--noise", "x=lognormal", "x=poisson", "y=normal"},
        {"--plot", "out.jpg", "/nonexistent/fit.png"},
        {"--prior", "a=normal:1.5,0.1", "a=normal:1", "b=gauss:1,2", "a=normal:1,-1", "a=uniform:0,3", "a=uniform:3,0"},
        {"--scale", "a=lin", "a=log", "a=ln"},
    };

    private static final String[][] SIMULATE = {
        {"--times", "1,2", "2,1", "x", "-1", "1,11"},
        {"--every", "0.5", "0", "-1", "x"},
        {"--format", "json", "csv", "table", "xml"},
        {"--method", "rk4", "dopri5", "esdirk4", "foo"},
        {"--steps", "10", "0", "x"},
    };

    private static void addOptions(List<String> args, String[][] vocabulary, Random random) {
        for (String[] option : vocabulary) {
            if (random.nextInt(3) == 0) {
                args.add(option[0]);
                args.add(option[1 + random.nextInt(option.length - 1)]);
            }
        }
    }

    private static void check(List<String> args) {
        CommandLineRun run = CommandLineRun.of(args.toArray(new String[0]));
        String what = String.join(" ", args) + " -> " + run.exitCode() + ": " + run.err();
        assertTrue(run.exitCode() >= 0 && run.exitCode() <= 2, what);
        assertFalse(run.err().contains("internal error"), what);
        assertFalse(run.err().contains("\tat "), what);
        assertFalse(run.err().contains("Exception"), what);
        if (run.exitCode() != 0) {
            assertEquals(1, run.err().strip().lines().count(), "one line: " + what);
        } else {
            assertFalse(run.out().isBlank(), "output on success: " + what);
        }
    }

    @Test
    void randomCommandLinesExitCleanly(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "t,x,y\n1,2.8,0.26\n2,6.9,2.0\n3,1.0,1.9\n4,1.9,0.3\n5,6.1,0.6\n6,1.4,3.5\n");
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "t,x,y\n1,2.8\n");
        Random random = new Random(20261125);
        for (int i = 0; i < 288; i++) {
            List<String> args = new ArrayList<>();
            switch (i % 6) {
                case 0, 1 -> {
                    args.add("gradient");
                    String[] problems = {"lotka-volterra", "lorenz96", "heat", "robertson", "brusselator"};
                    String problem = problems[random.nextInt(problems.length)];
                    args.add(problem);
                    addOptions(args, GRADIENT, random);
                    if (problem.equals("robertson") && !args.contains("--steps")) {
                        // Explicit adaptive methods take 10^7 steps on Robertson before giving up.
                        args.removeIf(a -> a.equals("rk4") || a.equals("dopri5"));
                        args.remove("--method");
                    }
                    if ((problem.equals("lorenz96") || problem.equals("heat")) && !args.contains("--n")) {
                        args.add("--n");
                        args.add("8");
                    }
                }
                case 2 -> {
                    args.add("control");
                    args.add(random.nextBoolean() ? "lqr" : random.nextBoolean() ? "van-der-pol" : "pendulum");
                    addOptions(args, CONTROL, random);
                }
                case 3 -> {
                    args.add("schedule");
                    addOptions(args, SCHEDULE, random);
                }
                case 4 -> {
                    args.add("simulate");
                    args.add(random.nextBoolean() ? "lotka-volterra" : "nosuch");
                    addOptions(args, SIMULATE, random);
                }
                default -> {
                    args.add("fit");
                    args.add("lotka-volterra");
                    int data = random.nextInt(3);
                    if (data > 0) {
                        args.add("--data");
                        args.add(data == 1 ? good.toString() : bad.toString());
                    }
                    addOptions(args, FIT, random);
                }
            }
            check(args);
        }
    }

    @Test
    void explainWithMalformedExpressionsAndPoints() {
        String[] expressions = {"x*sin(y)", "x+", "q*2", "sin(x", "", "x^^2", "1/0*x"};
        String[] points = {"x=1,y=2", "x=a", "y", "x=1,x=2", "x=1", "x=Infinity,y=1"};
        for (String e : expressions) {
            for (String p : points) {
                check(List.of("explain", e, "--at", p));
            }
        }
    }
}
