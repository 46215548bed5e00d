package org.adjoint4j.validation.references;

import java.util.Arrays;
import org.adjoint4j.adjoint.problems.Robertson;
import org.adjoint4j.model.FieldParametricOde;
import org.adjoint4j.model.ParametricOde;
import org.adjoint4j.solvers.NewtonSettings;
import org.adjoint4j.solvers.RungeKuttaMethods;
import org.hipparchus.CalculusFieldElement;

/**
 * References for Robertson's {@code J = int_0^T y3 dt}: CVODES's published adjoint results
 * ({@code cvsRoberts_ASAi_dns}, 5 digits, from its own run at rtol 1e-6), and the continuous forward
 * sensitivities (28 states: y, S = dy/d(p, y0), q and dq/d(p, y0)) integrated by ESDIRK4 at rtol
 * 1e-10, no adjoint code involved.
 */
public final class RobertsonReferences {

    /**
     * CVODES's printed G, dG/dp and lambda(t0) for T = 4e7 (G printed) and T = 50 (G not printed):
     * {@code {{T}, {G}, {dG/dp1..3}, {lambda_1..3}}}.
     */
    private static final double[][][] CVODES = {
        {{4e7}, {3.9983e7}, {7.6842e5, -3.0691, 5.1145e-4}, {3.9967e7, 3.9967e7, 3.9967e7}},
        {{50}, {Double.NaN}, {1.7341e2, -5.0591e-4, 8.4323e-8}, {8.4191, 1.6097e1, 1.6097e1}}};

    private RobertsonReferences() {
    }

    /** @return the final times CVODES printed results for */
    public static double[] cvodesTimes() {
        return new double[] {4e7, 50};
    }

    /**
     * @param finalTime one of {@link #cvodesTimes()}
     * @return {@code {G (NaN if not printed), dG/dp1..3, lambda_1..3}}
     */
    public static double[] cvodes(double finalTime) {
        for (double[][] row : CVODES) {
            if (row[0][0] == finalTime) {
                double[] out = new double[7];
                out[0] = row[1][0];
                System.arraycopy(row[2], 0, out, 1, 3);
                System.arraycopy(row[3], 0, out, 4, 3);
                return out;
            }
        }
        throw new IllegalArgumentException("CVODES printed no results for T=" + finalTime);
    }

    /**
     * @param finalTime T
     * @return {@code {J, dJ/dp1..3, dJ/dy0_1..3}} from the forward-sensitivity system at rtol 1e-10
     */
    public static double[] forwardSensitivities(double finalTime) {
        double[] y0 = new double[28];
        System.arraycopy(Robertson.INITIAL_STATE, 0, y0, 0, 3);
        for (int i = 0; i < 3; i++) {
            y0[3 + 6 * i + 3 + i] = 1.0; // dy_i/dy0_i
        }
        double[] rtol = new double[28];
        double[] atol = new double[28];
        Arrays.fill(rtol, 1e-10);
        Arrays.fill(atol, 1e-16);
        double[] end = RungeKuttaMethods.ESDIRK4.integrate(ParametricOde.automatic(new Sensitivities()),
                Robertson.PARAMETERS, 0.0, y0, finalTime, null, rtol, atol, 1_000_000, NewtonSettings.DEFAULT, null)
                .finalState();
        return Arrays.copyOfRange(end, 21, 28);
    }

    /**
     * y' = f(y, p), S' = f_y S + [f_p | 0], q' = y3, dq/d(p, y0)' = S_3.
     */
    private static final class Sensitivities implements FieldParametricOde {
        @Override
        public int stateDimension() {
            return 28;
        }

        @Override
        public int parameterDimension() {
            return 3;
        }

        @Override
        public <T extends CalculusFieldElement<T>> void rhs(T t, T[] y, T[] p, T[] yDot) {
            T y1 = y[0];
            T y2 = y[1];
            T y3 = y[2];
            T r1 = p[0].multiply(y1);
            T r2 = p[1].multiply(y2).multiply(y3);
            T r3 = p[2].multiply(y2).multiply(y2);
            yDot[0] = r2.subtract(r1);
            yDot[1] = r1.subtract(r2).subtract(r3);
            yDot[2] = r3;
            T zero = y1.getField().getZero();
            for (int c = 0; c < 6; c++) {
                T s1 = y[3 + c];
                T s2 = y[9 + c];
                T s3 = y[15 + c];
                T a = p[1].multiply(y3.multiply(s2).add(y2.multiply(s3)));
                T b = p[2].multiply(y2).multiply(s2).multiply(2);
                T d1 = p[0].multiply(s1).negate().add(a);
                T d2 = p[0].multiply(s1).subtract(a).subtract(b);
                T fp1 = c == 0 ? y1.negate() : c == 1 ? y2.multiply(y3) : zero;
                T fp2 = c == 0 ? y1 : c == 1 ? y2.multiply(y3).negate() : c == 2 ? y2.multiply(y2).negate() : zero;
                T fp3 = c == 2 ? y2.multiply(y2) : zero;
                yDot[3 + c] = d1.add(fp1);
                yDot[9 + c] = d2.add(fp2);
                yDot[15 + c] = b.add(fp3);
                yDot[22 + c] = s3;
            }
            yDot[21] = y3;
        }
    }
}
