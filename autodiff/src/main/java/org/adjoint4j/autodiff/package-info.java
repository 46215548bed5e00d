/**
 * Reverse-mode automatic differentiation: a tape whose variables are Hipparchus
 * {@link org.hipparchus.CalculusFieldElement}s, so code written once over a field runs on it.
 *
 * <p>The forward pass records every elementary operation {@code v_i = phi_i(v_a, v_b)} with its value
 * and its local partials {@code d phi_i / d v_a}, {@code d phi_i / d v_b}. The backward pass starts
 * from the output's adjoint (1 for a gradient, w for a vector-Jacobian product) and pushes adjoints
 * back through each operation with the chain rule,
 * <pre>
 *   vbar_a += vbar_i * d phi_i / d v_a,      vbar_b += vbar_i * d phi_i / d v_b,
 * </pre>
 * summing over every path by which a variable feeds the output. Only operations actually executed
 * are recorded, so only the branch taken contributes. The sweep is a chain of Jacobian-transpose
 * products, one elementary Jacobian per operation, and costs a small constant times the forward
 * pass whatever the number of inputs.
 */
package org.adjoint4j.autodiff;
