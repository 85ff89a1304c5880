package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite's bad flags (issue 17): every numeric, duration and port option refuses a value outside its
 * rule as a usage error (exit 2) that names the option and the rule, before anything starts.
 */
class HostileFlagsTest {

    static Stream<Arguments> badFlags() {
        return Stream.of(
                bad("demo --warehouses 0", "'--warehouses'", "'0' is not a count; expected a whole number, 1 or more"),
                bad("demo --cdc-seconds -1", "'--cdc-seconds'", "expected a whole number, 0 or more"),
                bad(
                        "demo --cdc-rate NaN",
                        "'--cdc-rate'",
                        "'NaN' is not a rate; expected a number per second, 0 or more"),
                bad("demo --cdc-rate -2", "'--cdc-rate'", "'-2' is not a rate"),
                bad("sql --limit -3 select", "'--limit'", "'-3' is not a count; expected a whole number, 0 or more"),
                bad("executions list --limit 0", "'--limit'", "expected a whole number, 1 or more"),
                bad("cdc start --batch-interval 0", "'--batch-interval'", "expected a whole number, 1 or more"),
                bad("cdc start --min-file-size -5", "'--min-file-size'", "'-5' is not a count"),
                bad("cdc stop --timeout x", "'--timeout'", "'x' is not a count"),
                bad(
                        "source start --port 70000",
                        "'--port'",
                        "expected a whole number, from 0 (any free port) to 65535"),
                bad(
                        "source start --warehouses -1",
                        "Invalid value for option '--warehouses'",
                        "'-1' is not a count; expected a whole number, 0 or more"),
                bad(
                        "source generate --warehouses 0",
                        "'--warehouses'",
                        "'0' is not a count; expected a whole number, 1 or more"),
                bad("source workload --threads many", "Invalid value for option '--threads'", "'many' is not a count"),
                bad("source start --warehouses 1e9", "'--warehouses'", "'1e9' is not a count"),
                bad("source workload --rate Infinity", "'--rate'", "'Infinity' is not a rate"),
                bad(
                        "source workload --max-transactions 0",
                        "'--max-transactions'",
                        "expected a whole number, 1 or more"),
                bad("source workload --duration 10x", "'--duration'", "Invalid duration: 10x (expected e.g. 500ms"),
                bad("source workload --duration -5s", "'--duration'", "Invalid duration: -5s (must not be negative"),
                bad(
                        "schedule --identifier tpcc --table configs --incremental-every -2h",
                        "'--incremental-every'",
                        "must not be negative"),
                bad("cdc start --bogus", "Unknown option: '--bogus'", "Usage:"),
                bad("verify --identifier tpcc --table", "Missing required parameter for option '--table'", "Usage:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFlags")
    void isAUsageErrorNamingTheOptionAndItsRule(String commandLine, String option, String rule) {
        var result = CliDriver.run(commandLine.split(" "));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err())
                .as(result.toString())
                .contains(option)
                .contains(rule)
                .doesNotContain("Exception");
        assertThat(result.out()).as(result.toString()).isEmpty();
    }

    private static Arguments bad(String commandLine, String option, String rule) {
        return Arguments.of(commandLine, option, rule);
    }
}
