/**
 * A small expression language for models without Java code (model files), compiled once to a
 * stack program that runs on doubles and on any Hipparchus field, so the reverse-mode tape
 * differentiates it.
 *
 * <pre>
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | power
 *   power   := primary ('^' unary)?            right associative: a^b^c = a^(b^c), -x^2 = -(x^2)
 *   primary := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
 * </pre>
 * Names are {@code t}, the states and the parameters; functions {@code sin cos tan exp log sqrt abs
 * min max pow tanh} and also {@code asin acos atan sinh cosh log10 relu atan2 hypot}. An unknown
 * name or a syntax error is reported with its 1-based position.
 */
package org.adjoint4j.modelfile;
