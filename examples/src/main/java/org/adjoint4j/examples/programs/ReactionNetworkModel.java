package org.adjoint4j.examples.programs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a model file of a random mass-action reaction network (seeded): S species, 2S reactions
 * each with one or two reactants and one or two products, a rate constant per reaction as a
 * parameter, rates as derived quantities, and the mean square concentration at T as the objective.
 * The 500-species file in {@code examples/models} is what this writes with the defaults: the
 * benchmark of a model file whose products touch few of many states.
 * Usage: {@code ReactionNetworkModel OUT.json [species=500] [seed=7]}.
 */
public final class ReactionNetworkModel {

    private ReactionNetworkModel() {
    }

    /**
     * @param args output file, species, seed
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "reaction-network-500.json");
        int species = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        Random random = new Random(seed);
        int reactions = 2 * species;
        List<List<String>> gains = new ArrayList<>();
        for (int s = 0; s < species; s++) {
            gains.add(new ArrayList<>());
        }
        StringBuilder lets = new StringBuilder();
        StringBuilder parameters = new StringBuilder();
        for (int r = 0; r < reactions; r++) {
            int a = random.nextInt(species);
            int b = random.nextInt(4) == 0 ? -1 : random.nextInt(species);
            int c = random.nextInt(species);
            int d = random.nextInt(3) == 0 ? random.nextInt(species) : -1;
            String rate = "k" + r + "*X" + a + (b >= 0 ? "*X" + b : "");
            lets.append(r == 0 ? "" : ",\n    ").append("\"r").append(r).append("\": \"").append(rate).append('"');
            parameters.append(r == 0 ? "" : ", ").append("\"k").append(r).append("\": ")
                    .append(String.format(Locale.ROOT, "%.4f", 0.1 + random.nextDouble()));
            gains.get(a).add("-r" + r);
            if (b >= 0) {
                gains.get(b).add("-r" + r);
            }
            gains.get(c).add("+r" + r);
            if (d >= 0) {
                gains.get(d).add("+r" + r);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("{");
            w.println("  \"name\": \"reaction-network-" + species + "\",");
            w.println("  \"description\": \"A random mass-action network (ReactionNetworkModel, seed " + seed + "): "
                    + species + " species, " + reactions + " reactions\",");
            w.print("  \"states\": {");
            for (int s = 0; s < species; s++) {
                w.print((s == 0 ? "" : ", ") + "\"X" + s + "\": " + String.format(Locale.ROOT, "%.3f",
                        0.5 + random.nextDouble()));
            }
            w.println("},");
            w.println("  \"parameters\": {" + parameters + "},");
            w.println("  \"let\": {\n    " + lets + "},");
            w.println("  \"rhs\": {");
            for (int s = 0; s < species; s++) {
                String sum = gains.get(s).isEmpty() ? "0" : String.join(" ", gains.get(s));
                if (sum.startsWith("+")) {
                    sum = sum.substring(1);
                }
                w.println("    \"X" + s + "\": \"" + sum + "\"" + (s + 1 < species ? "," : ""));
            }
            w.println("  },");
            w.println("  \"time\": [0, 1],");
            w.println("  \"objective\": {\"terminal\": \"" + meanSquare(species) + "\"}");
            w.println("}");
        }
        System.out.println("wrote " + out + " (" + species + " species, " + reactions + " reactions, seed " + seed + ")");
    }

    private static String meanSquare(int species) {
        StringBuilder b = new StringBuilder("(");
        for (int s = 0; s < species; s++) {
            b.append(s == 0 ? "" : " + ").append("X").append(s).append("^2");
        }
        return b.append(")/").append(species).toString();
    }
}
