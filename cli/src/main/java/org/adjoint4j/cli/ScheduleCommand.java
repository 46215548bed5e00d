package org.adjoint4j.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.adjoint4j.checkpointing.Binomial;
import org.adjoint4j.checkpointing.BinomialSchedule;
import org.adjoint4j.checkpointing.CheckpointSchedule;
import org.adjoint4j.checkpointing.DiskCosts;
import org.adjoint4j.checkpointing.MultistageSchedule;
import org.adjoint4j.checkpointing.OnlineSchedule;
import org.adjoint4j.checkpointing.ScheduleCounts;
import org.adjoint4j.checkpointing.ScheduleText;
import org.adjoint4j.checkpointing.StoreAllSchedule;
import org.adjoint4j.checkpointing.UniformSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code adjoint4j schedule}: a checkpointing schedule, as its counts (table or JSON), its actions
 * in the text notation, or an SVG step/time diagram. Counts come from closed forms and never need
 * the action list, so {@code --steps 1000000000} answers at once.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A checkpointing schedule for reversing N time steps with S snapshot slots "
                + "(S includes the slot holding x_0).",
            "Text notation: S1@6 store x_6 in slot 1, A0->6 advance, R1@6 restore, F9/Y8 tape a step and reverse it, "
                + "W0->4 taped sweep keeping tapes, B3 reverse from a kept tape, Sd/Rd disk slots, T terminate."})
public final class ScheduleCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** The --kind names: the command's lookup of the schedule families. */
    private static final java.util.List<String> KINDS = java.util.List.of("binomial", "online", "uniform", "store-all",
            "disk");

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Number of time steps N (>= 0).")
    private long steps;

    @Option(names = "--snapshots", paramLabel = "S",
            description = "Snapshot slots S in RAM (>= 1), including the one holding x_0; not used by store-all.")
    private Integer snapshots;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "binomial",
            description = "binomial (default), online, uniform, store-all or disk.")
    private String kind;

    @Option(names = "--disk-snapshots", paramLabel = "D",
            description = "Disk slots for --kind disk (default: unlimited).")
    private Integer diskSnapshots;

    @Option(names = "--interval", paramLabel = "K",
            description = "Steps between snapshots for --kind uniform (default: ceil(N / (S + 1))).")
    private Long interval;

    @Option(names = "--costs", paramLabel = "UF,UB,WD,RD", split = ",", defaultValue = "1,1,2,2",
            description = "Cost model of --kind disk: advance, taped step with its reversal, disk write, disk read "
                    + "(default 1,1,2,2).")
    private double[] costs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), json, text (the actions) or svg (a step/time diagram).")
    private OutputFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path output;

    @Override
    public Integer call() throws IOException {
        CheckpointSchedule schedule = build();
        try (Writer out = openOutput()) {
            switch (format) {
                case text:
                    ScheduleText.write(schedule, out);
                    out.write(System.lineSeparator());
                    break;
                case json:
                    out.write(Json.write(summary(schedule)));
                    out.write(System.lineSeparator());
                    break;
                case svg:
                    new ScheduleDiagram(schedule).write(out);
                    break;
                default:
                    writeTable(summary(schedule), out);
            }
        }
        if (output != null) {
            spec.commandLine().getErr().println("wrote " + output);
        }
        return 0;
    }

    private CheckpointSchedule build() {
        require(steps >= 0, "--steps must be >= 0, got " + steps);
        if (snapshots != null) {
            require(snapshots >= 1, "--snapshots must be >= 1, got " + snapshots);
        }
        require(KINDS.contains(kind), "--kind must be one of " + String.join(", ", KINDS) + ", got '" + kind + "'");
        if (!kind.equals("store-all") && !kind.equals("uniform")) {
            require(snapshots != null, "--snapshots is required for --kind " + kind);
        }
        if (kind.equals("binomial") || kind.equals("disk") || (kind.equals("uniform") && snapshots != null)) {
            // Online checkpointing cannot know N in advance; the others are planned for it.
            require(snapshots <= Math.max(1, steps), "--snapshots " + snapshots + " exceeds --steps " + steps
                    + ": a " + kind + " schedule for N steps needs at most N slots");
        }
        require(diskSnapshots == null || kind.equals("disk"), "--disk-snapshots applies only to --kind disk");
        require(interval == null || kind.equals("uniform"), "--interval applies only to --kind uniform");
        switch (kind) {
            case "store-all":
                return new StoreAllSchedule(steps);
            case "uniform":
                if (interval != null) {
                    require(interval >= 1, "--interval must be >= 1, got " + interval);
                    return new UniformSchedule(steps, interval);
                }
                require(snapshots != null, "--kind uniform needs --snapshots S or --interval K");
                return UniformSchedule.withSnapshots(steps, snapshots);
            case "online":
                return new OnlineSchedule(steps, snapshots);
            case "disk":
                require(costs.length == 4, "--costs needs four numbers UF,UB,WD,RD, got " + costs.length);
                int disk = diskSnapshots == null ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, steps - 1)) : diskSnapshots;
                require(disk >= 0, "--disk-snapshots must be >= 0, got " + disk);
                return new MultistageSchedule(steps, snapshots, disk, new DiskCosts(costs[0], costs[1], costs[2], costs[3]));
            default:
                return new BinomialSchedule(steps, snapshots);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private Map<String, Object> summary(CheckpointSchedule schedule) {
        ScheduleCounts c = schedule.counts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", schedule.name());
        m.put("steps", schedule.steps());
        m.put("snapshots", snapshots);
        m.put("advances", c.advances());
        m.put("takeshots", c.takeshots());
        m.put("restores", c.restores());
        m.put("maxLiveSlots", c.peakSlots());
        m.put("optimalAdvances", snapshots == null ? null : Binomial.optimalAdvances(steps, snapshots));
        m.put("tapedSteps", c.tapedSteps());
        m.put("maxTapes", c.peakTapes());
        m.put("actions", c.actions());
        m.put("recomputationFactor", c.recomputationFactor());
        if (snapshots != null) {
            m.put("repetitionNumber", Binomial.repetitionNumber(steps, snapshots));
        }
        m.putAll(schedule.properties());
        return m;
    }

    private static void writeTable(Map<String, Object> summary, Writer out) throws IOException {
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(10);
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            if (e.getValue() instanceof Map) {
                continue;
            }
            Object v = e.getValue() instanceof Double ? formatNumber((Double) e.getValue()) : e.getValue();
            out.write(String.format("%-" + width + "s  %s%n", e.getKey(), v == null ? "-" : v));
        }
    }

    private static String formatNumber(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format("%.6g", x);
    }

    private Writer openOutput() throws IOException {
        if (output != null) {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        }
        return new java.io.BufferedWriter(new NonClosingWriter(spec.commandLine().getOut()), 1 << 16);
    }
}
