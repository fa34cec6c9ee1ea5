package io.solomo.decision.segment;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A comparison of a segment condition, written in JSON with its symbol, such as {@code >=}. */
public enum SegmentOperator {
    EQUAL("="),
    IN("in"),
    AT_LEAST(">="),
    AT_MOST("<="),
    GREATER(">"),
    LESS("<");

    private final String symbol;

    SegmentOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Returns the operator written with this symbol, or empty. */
    static Optional<SegmentOperator> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(operator -> operator.symbol.equals(symbol)).findFirst();
    }

    /** Returns the operators' symbols, comma separated, for error messages. */
    static String symbols(Iterable<SegmentOperator> operators) {
        StringBuilder symbols = new StringBuilder();
        for (SegmentOperator operator : operators) {
            symbols.append(symbols.isEmpty() ? "" : ", ").append(operator.symbol);
        }
        return symbols.toString();
    }

    @Override
    public String toString() {
        return symbol;
    }

    static String allSymbols() {
        return Arrays.stream(values()).map(SegmentOperator::symbol).collect(Collectors.joining(", "));
    }
}
