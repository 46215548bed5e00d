package org.adjoint4j.checkpointing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A checkpointing strategy chosen before N is known: a value that becomes a schedule with
 * {@link #forSteps(long)} once the forward run has fixed N. Each family is its own record beside
 * its schedule ({@link StoreAllSchedule.Spec}, {@link UniformSchedule.Spec},
 * {@link BinomialSchedule.Spec}, {@link OnlineSchedule.Spec}, {@link MultistageSchedule.Spec}); a
 * new family is a new class, registered once for {@link #parse}. Text forms:
 * {@code store-all}, {@code binomial:S}, {@code online:S}, {@code uniform:K}, {@code disk:S,D}.
 */
public interface ScheduleSpec {

    /**
     * The schedule for N steps.
     *
     * @param steps N
     * @return the schedule
     */
    CheckpointSchedule forSteps(long steps);

    /** @return the text form, e.g. {@code binomial:30} */
    String text();

    /**
     * Slots an online policy can fill while the forward run itself goes on (so that run is the
     * schedule's first sweep); 0 for a schedule that must know N before it starts.
     *
     * @return C, or 0
     */
    default int onlineSlots() {
        return 0;
    }

    /** @return store-all */
    static ScheduleSpec storeAll() {
        return new StoreAllSchedule.Spec();
    }

    /**
     * @param snapshots s
     * @return binomial (revolve) with s slots
     */
    static ScheduleSpec binomial(int snapshots) {
        return new BinomialSchedule.Spec(snapshots);
    }

    /**
     * @param snapshots C
     * @return online with C slots
     */
    static ScheduleSpec online(int snapshots) {
        return new OnlineSchedule.Spec(snapshots);
    }

    /**
     * @param interval K
     * @return a snapshot every K steps
     */
    static ScheduleSpec uniform(long interval) {
        return new UniformSchedule.Spec(interval);
    }

    /**
     * @param snapshots RAM slots
     * @param diskSnapshots disk slots
     * @param costs cost model
     * @return two-level RAM + disk
     */
    static ScheduleSpec disk(int snapshots, int diskSnapshots, DiskCosts costs) {
        return new MultistageSchedule.Spec(snapshots, diskSnapshots, costs);
    }

    /**
     * Reads the text form: the family's name, then its parameters after a colon.
     *
     * @param text {@code store-all}, {@code binomial:S}, {@code online:S}, {@code uniform:K} or
     *        {@code disk:S,D}
     * @return the strategy
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    static ScheduleSpec parse(String text) {
        return Registry.parse(text);
    }

    /** The name lookup of {@link #parse}: each family's name and the parser of its parameters. */
    final class Registry {
        private static final Map<String, Function<String, ScheduleSpec>> FAMILIES = new LinkedHashMap<>();

        static {
            FAMILIES.put("store-all", args -> {
                if (args != null) {
                    throw new IllegalArgumentException("store-all takes no parameter");
                }
                return storeAll();
            });
            FAMILIES.put("uniform", args -> uniform(Long.parseLong(required(args, "K"))));
            FAMILIES.put("binomial", args -> binomial(Integer.parseInt(required(args, "S"))));
            FAMILIES.put("online", args -> online(Integer.parseInt(required(args, "S"))));
            FAMILIES.put("disk", args -> {
                String[] sd = required(args, "S,D").split(",", -1);
                if (sd.length != 2) {
                    throw new IllegalArgumentException("disk needs S,D (RAM and disk slots)");
                }
                return disk(Integer.parseInt(sd[0].trim()), Integer.parseInt(sd[1].trim()), DiskCosts.DEFAULT);
            });
        }

        private Registry() {
        }

        static ScheduleSpec parse(String text) {
            String forms = "store-all, binomial:S, online:S, uniform:K, disk:S,D";
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("checkpoints must be one of " + forms + "; got '" + text + "'");
            }
            String[] parts = text.trim().split(":", 2);
            Function<String, ScheduleSpec> family = FAMILIES.get(parts[0]);
            if (family == null) {
                throw new IllegalArgumentException("unknown schedule kind '" + parts[0] + "'; known kinds: "
                        + String.join(", ", FAMILIES.keySet()));
            }
            try {
                return family.apply(parts.length > 1 ? parts[1] : null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid checkpoints '" + text + "': " + e.getMessage(), e);
            }
        }

        private static String required(String args, String what) {
            if (args == null || args.isBlank()) {
                throw new IllegalArgumentException("missing :" + what);
            }
            return args.trim();
        }
    }
}
