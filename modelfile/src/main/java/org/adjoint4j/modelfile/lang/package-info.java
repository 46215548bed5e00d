/**
 * The syntax of the modelling language's expressions: a recursive-descent {@link
 * org.adjoint4j.modelfile.lang.Parser} into {@link org.adjoint4j.modelfile.lang.Syntax} trees that
 * keep each node's position, and {@link org.adjoint4j.modelfile.lang.ExpressionException}, which
 * names the problem and its 1-based position.
 */
package org.adjoint4j.modelfile.lang;
