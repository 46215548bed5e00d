/**
 * Model files: a modelling language in JSON, elaborated to an expression graph, differentiated
 * symbolically and compiled to JVM bytecode ({@link org.adjoint4j.modelfile.ModelFile}).
 *
 * <p>A file has {@code states}, {@code parameters}, {@code rhs} and {@code time}, and may have
 * {@code name}, {@code description}, {@code constants}, {@code controls}, {@code let} (derived
 * quantities), {@code objective} ({@code terminal}, {@code running}), {@code observables} and
 * {@code events}; any other key is an error naming it. A state, parameter or derived quantity is
 * a scalar or an array {@code {"size": EXPR, "initial"|"value": EXPR}} whose elements are numbered
 * by the index {@code i} from 0; {@code "u[i]"} as an rhs key defines every element, {@code "u[3]"}
 * one. Constants and derived quantities can use only earlier ones (in file order); initial values
 * are expressions of constants and parameters.
 *
 * <pre>
 *   expr    := or ;  or := and ('or' and)* ;  and := not ('and' not)* ;  not := 'not' not | compare
 *   compare := sum (('&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '==' | '!=') sum)?
 *   sum     := product (('+' | '-') product)* ;  product := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power ;  power := primary ('^' unary)?
 *   primary := number | name | name '[' expr ']' | name '(' expr (',' expr)* ')' | '(' expr ')'
 * </pre>
 * Functions: {@code sin cos tan asin acos atan atan2 sinh cosh tanh exp log ln log10 sqrt pow hypot
 * abs relu min max floor ceil sign heaviside not}, and the special forms {@code if(c, a, b)},
 * {@code piecewise(v1, c1, v2, c2, ..., otherwise)}, {@code sum(i, from, to, expr)},
 * {@code prod(i, from, to, expr)}. Predefined: {@code t}, {@code pi}, {@code e}.
 *
 * <p>Meaning. Expressions of constants and indices are numbers where they are elaborated: array
 * sizes and indices must be integers in range there, and an {@code if} or {@code piecewise} whose
 * condition is such a number keeps only its branch (the other is never evaluated). Comparisons are
 * 1 or 0; a condition holds when nonzero. Kinks have one convention: the derivative of the branch
 * taken, with {@code relu'(0) = 0}, {@code abs'(0) = 0}, {@code max(a, b)} and {@code min(a, b)}
 * taking b at a tie, {@code heaviside(x) = 1} for {@code x >= 0}, and derivative 0 for
 * {@code sign}, {@code floor}, {@code ceil}, comparisons and logic.
 *
 * <p>Code. The graph (package {@code ir}) shares equal subexpressions; its derivatives (the
 * vector-Jacobian product by one reverse sweep, the tangent by one forward sweep, the Jacobian's
 * entries and pattern per output) are more nodes of it; package {@code compile} turns outputs into
 * straight-line bytecode built from the graph alone, so nothing in a file can run code. The
 * interpreter (evaluation over any Hipparchus field, lazy in its branches) is the reference.
 */
package org.adjoint4j.modelfile;
