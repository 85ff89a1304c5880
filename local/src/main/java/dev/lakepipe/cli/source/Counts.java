package dev.lakepipe.cli.source;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for counts given on the command line; a bad value is a usage error (exit 2) naming the option's rule. */
final class Counts {

    private Counts() {}

    /** 0 or more (e.g. {@code source start --warehouses}: 0 creates the schema only). */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 0, "0 or more");
        }
    }

    /** 1 or more (e.g. {@code source generate --warehouses}, {@code source workload --threads}). */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return parse(value, 1, "1 or more");
        }
    }

    private static int parse(String value, int minimum, String expected) {
        try {
            var count = Integer.parseInt(value.trim());
            if (count >= minimum) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new TypeConversionException("'" + value + "' is not a count; expected a whole number, " + expected);
    }
}
