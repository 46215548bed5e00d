package org.adjoint4j.modelfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint4j.modelfile.ir.Node;

/**
 * The names an expression of a model file can use, as the elaborator binds them: constants, index
 * variables, and arrays or scalars of states, parameters and derived quantities. A symbol is an
 * array of nodes (a scalar is an array of one that is not indexed). Immutable once built, except
 * that index variables are bound and unbound as {@code sum}, {@code prod} and array entries run.
 */
final class Scope {

    /** What a name is, for messages. */
    enum Kind {
        CONSTANT("constant"), STATE("state"), PARAMETER("parameter"), DERIVED("derived quantity (let)"),
        OBSERVABLE("observable"), INDEX("index variable"), TIME("time");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /**
     * A bound name.
     *
     * @param name the name
     * @param kind what it is
     * @param elements its value, element by element
     * @param array whether it is an array (indexed as {@code name[i]}) or a scalar
     */
    record Symbol(String name, Kind kind, List<Node> elements, boolean array) {
    }

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();

    /**
     * @param symbol a new name
     * @throws IllegalArgumentException if the name is taken
     */
    void define(Symbol symbol) {
        Symbol old = symbols.get(symbol.name());
        if (old != null) {
            throw new IllegalArgumentException("name '" + symbol.name() + "' is used twice (a " + old.kind().description
                    + " and a " + symbol.kind().description + ")");
        }
        symbols.put(symbol.name(), symbol);
        pending.remove(symbol.name());
    }

    /**
     * Announces a name defined later in the file, so that an earlier use says so.
     *
     * @param name the name
     * @param kind what it will be
     */
    void announce(String name, String kind) {
        pending.put(name, kind);
    }

    /**
     * @param name a name
     * @return its symbol, or null
     */
    Symbol get(String name) {
        return symbols.get(name);
    }

    /**
     * @param name a name not (yet) bound
     * @return what it will be if it is defined later in the file, or null
     */
    String later(String name) {
        return pending.get(name);
    }

    /**
     * @param name an index variable
     * @param symbol its binding, or null to unbind
     */
    void bind(String name, Symbol symbol) {
        if (symbol == null) {
            symbols.remove(name);
        } else {
            symbols.put(name, symbol);
        }
    }

    /** @return the names bound, in definition order, without the predefined constants pi and e */
    java.util.List<String> names() {
        java.util.List<String> out = new java.util.ArrayList<>(symbols.keySet());
        out.remove("pi");
        out.remove("e");
        return out;
    }
}
