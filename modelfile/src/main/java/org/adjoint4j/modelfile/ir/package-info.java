/**
 * The intermediate representation of model files: an expression {@link
 * org.adjoint4j.modelfile.ir.Graph} of hash-consed {@link org.adjoint4j.modelfile.ir.Node}s (equal
 * subexpressions are one node), symbolic {@link org.adjoint4j.modelfile.ir.Differentiation} in
 * forward and reverse mode, and the {@link org.adjoint4j.modelfile.ir.Interpreter} that evaluates
 * nodes over any Hipparchus field, the reference for compiled code.
 */
package org.adjoint4j.modelfile.ir;
