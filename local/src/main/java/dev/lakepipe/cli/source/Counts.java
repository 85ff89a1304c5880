package dev.lakepipe.cli.source;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for numbers given on the command line; a bad value is a usage error (exit 2) naming the option's rule. */
public final class Counts {

    private Counts() {}

    /** 0 or more (e.g. {@code source start --warehouses}: 0 creates the schema only; {@code sql --limit}: 0 prints all). */
    public static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, 0, Integer.MAX_VALUE, "0 or more");
        }
    }

    /** 1 or more (e.g. {@code source generate --warehouses}, {@code source workload --threads}). */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, 1, Integer.MAX_VALUE, "1 or more");
        }
    }

    /** 1 or more, as a long (e.g. {@code source workload --max-transactions}). */
    public static final class PositiveLong implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parse(value, 1, Long.MAX_VALUE, "1 or more");
        }
    }

    /** A TCP port, or 0 for "choose one". */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, 0, 65_535, "from 0 (any free port) to 65535");
        }
    }

    /** Per second, 0 or more, finite (e.g. {@code source workload --rate}: 0 is unpaced). */
    public static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                var rate = Double.parseDouble(value.trim());
                if (Double.isFinite(rate) && rate >= 0) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new TypeConversionException(
                    "'" + value + "' is not a rate; expected a number per second, 0 or more, e.g. 10 or 2.5");
        }
    }

    private static long parse(String value, long minimum, long maximum, String expected) {
        try {
            var count = Long.parseLong(value.trim());
            if (count >= minimum && count <= maximum) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new TypeConversionException("'" + value + "' is not a count; expected a whole number, " + expected);
    }
}
