package org.adjoint4j.solvers;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Diagonally implicit Runge–Kutta methods for stiff problems, with embedded error estimates where
 * the method has one (then they also run adaptively).
 * <pre>
 *   beuler   backward Euler                           order 1, L-stable
 *   cn       Crank–Nicolson (trapezoid, ESDIRK)       order 2, A-stable; embedded: explicit Euler
 *   sdirk2   Alexander's SDIRK, gamma = 1 - 1/sqrt 2  order 2, L-stable, stiffly accurate; embedded order 1
 *   esdirk3  Kennedy & Carpenter ESDIRK3(2)4L[2]SA    order 3(2), L-stable, stiffly accurate
 *   esdirk4  Kennedy & Carpenter ESDIRK4(3)6L[2]SA    order 4(3), L-stable, stiffly accurate
 * </pre>
 * The Kennedy–Carpenter tableaus are the implicit parts of ARK3(2)4L[2]SA and ARK4(3)6L[2]SA
 * (Appl. Numer. Math. 44 (2003) 139–181), as SUNDIALS ARKODE tabulates them.
 */
public enum ImplicitMethod implements RungeKuttaMethod {
    /** Backward Euler. */
    BEULER("beuler", 1),
    /** Crank–Nicolson (implicit trapezoid). */
    CN("cn", 2),
    /** Alexander's two-stage L-stable SDIRK. */
    SDIRK2("sdirk2", 2),
    /** ESDIRK3(2)4L[2]SA. */
    ESDIRK3("esdirk3", 3),
    /** ESDIRK4(3)6L[2]SA. */
    ESDIRK4("esdirk4", 4);

    private final String cliName;
    private final int order;
    private ButcherTableau tableau;

    ImplicitMethod(String cliName, int order) {
        this.cliName = cliName;
        this.order = order;
    }

    @Override
    public String cliName() {
        return cliName;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public boolean isAdaptive() {
        return tableau().hasEmbedded();
    }

    @Override
    public boolean isImplicit() {
        return true;
    }

    @Override
    public synchronized ButcherTableau tableau() {
        if (tableau == null) {
            tableau = build();
        }
        return tableau;
    }

    private ButcherTableau build() {
        switch (this) {
            case BEULER:
                return new ButcherTableau(cliName, 1, new double[] {1}, new double[][] {{1}}, new double[] {1});
            case CN:
                return new ButcherTableau(cliName, 2, new double[] {0, 1}, new double[][] {{0, 0}, {0.5, 0.5}},
                        new double[] {0.5, 0.5}, new double[] {1, 0}, 1);
            case SDIRK2: {
                double g = 1 - Math.sqrt(0.5);
                return new ButcherTableau(cliName, 2, new double[] {g, 1}, new double[][] {{g, 0}, {1 - g, g}},
                        new double[] {1 - g, g}, new double[] {1, 0}, 1);
            }
            case ESDIRK3: {
                double g = 0.4358665215084589994160194511935568425293;
                double[][] a = {
                    {0, 0, 0, 0},
                    {g, g, 0, 0},
                    {0.2576482460664272457999960162840797092643, -0.09351476757488624521601546747763655179361, g, 0},
                    {0.1876410243467238251612921441668043913795, -0.5952974735769549480478230275858851737782,
                        0.9717899277217721234705114322255239398694, g}};
                double[] c = {0, 0.8717330430169179988320389023871136850586, 0.6, 1};
                double[] b = a[3].clone();
                double[] bHat = {0.2147402862233891404862383406484193714659, -0.4851622638849390928209050808398155895845,
                    0.86872500252038755116621237682951240796, 0.4016969751411624011684543633618838101586};
                return new ButcherTableau(cliName, 3, c, a, b, bHat, 2);
            }
            default: {
                double g = 0.25;
                double[][] a = {
                    {0, 0, 0, 0, 0, 0},
                    {g, g, 0, 0, 0, 0},
                    {8611.0 / 62500.0, -1743.0 / 31250.0, g, 0, 0, 0},
                    {5012029.0 / 34652500.0, -654441.0 / 2922500.0, 174375.0 / 388108.0, g, 0, 0},
                    {15267082809.0 / 155376265600.0, -71443401.0 / 120774400.0, 730878875.0 / 902184768.0,
                        2285395.0 / 8070912.0, g, 0},
                    {82889.0 / 524892.0, 0, 15625.0 / 83664.0, 69875.0 / 102672.0, -2260.0 / 8211.0, g}};
                double[] c = {0, 0.5, 83.0 / 250.0, 31.0 / 50.0, 17.0 / 20.0, 1};
                double[] b = a[5].clone();
                double[] bHat = {4586570599.0 / 29645900160.0, 0, 178811875.0 / 945068544.0,
                    814220225.0 / 1159782912.0, -3700637.0 / 11593932.0, 61727.0 / 225920.0};
                return new ButcherTableau(cliName, 4, c, a, b, bHat, 3);
            }
        }
    }

    /**
     * @param name e.g. {@code esdirk4}
     * @return the method
     */
    public static ImplicitMethod fromCliName(String name) {
        for (ImplicitMethod m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown implicit method '" + name + "'; known: "
                + Arrays.stream(values()).map(ImplicitMethod::cliName).collect(Collectors.joining(", ")));
    }
}
