package dev.lakepipe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakepipe.cli.source.Counts;
import dev.lakepipe.local.states.ExecutionRecords;
import dev.lakepipe.util.Json;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "executions",
        header = "The local Step Functions executions in $LAKEPIPE_HOME/executions: list, describe, history.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ExecutionsCommand.ListExecutions.class,
            ExecutionsCommand.Describe.class,
            ExecutionsCommand.History.class
        })
final class ExecutionsCommand {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private static ExecutionRecords records() {
        return new ExecutionRecords(LakepipeHome.resolve().resolve("executions"));
    }

    @Command(
            name = "list",
            header = "Executions, newest first: name, status, start, stop, error.",
            mixinStandardHelpOptions = true)
    static final class ListExecutions implements Callable<Integer> {

        @Mixin
        private OutputOptions output;

        @Option(
                names = "--limit",
                paramLabel = "N",
                converter = Counts.Positive.class,
                description = "Show at most N executions (default 20).")
        private int limit = 20;

        @Override
        public Integer call() {
            List<JsonNode> executions = records().list();
            if (executions.isEmpty()) {
                output.info("No executions in " + LakepipeHome.resolve().resolve("executions")
                        + "; start one with `lakepipe run`");
                return 0;
            }
            output.info(String.format("%-45s %-10s %-24s %-24s %s", "NAME", "STATUS", "START", "STOP", "ERROR"));
            executions.stream()
                    .limit(limit)
                    .forEach(execution -> output.info(String.format(
                            "%-45s %-10s %-24s %-24s %s",
                            execution.path("name").asText(),
                            execution.path("status").asText(),
                            execution.path("startDate").asText(),
                            execution.path("stopDate").asText("-"),
                            execution.path("error").asText(""))));
            return 0;
        }
    }

    @Command(
            name = "describe",
            header = "One execution as DescribeExecution shows it (input and output included).",
            mixinStandardHelpOptions = true)
    static final class Describe implements Callable<Integer> {

        @Mixin
        private OutputOptions output;

        @Parameters(index = "0", paramLabel = "NAME", description = "Execution name, from `lakepipe executions list`.")
        private String name;

        @Override
        public Integer call() throws Exception {
            var description = records().describe(name);
            if (description.isEmpty()) {
                output.error("No execution " + name + " in "
                        + LakepipeHome.resolve().resolve("executions") + "; see `lakepipe executions list`");
                return 1;
            }
            output.info(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(description.get()));
            return 0;
        }
    }

    @Command(
            name = "history",
            header = "One execution's history events, oldest first.",
            mixinStandardHelpOptions = true)
    static final class History implements Callable<Integer> {

        @Mixin
        private OutputOptions output;

        @Parameters(index = "0", paramLabel = "NAME", description = "Execution name, from `lakepipe executions list`.")
        private String name;

        @Option(names = "--json", description = "Print the events as JSON lines, as GetExecutionHistory returns them.")
        private boolean json;

        @Override
        public Integer call() {
            List<JsonNode> events = records().history(name);
            if (events.isEmpty()) {
                output.error("No execution " + name + " in "
                        + LakepipeHome.resolve().resolve("executions") + "; see `lakepipe executions list`");
                return 1;
            }
            events.forEach(event -> output.info(json ? event.toString() : line(event)));
            return 0;
        }

        private static String line(JsonNode event) {
            var text = new StringBuilder(String.format(
                    "%4d %s %-28s",
                    event.path("id").asInt(),
                    event.path("timestamp").asText(),
                    event.path("type").asText()));
            for (Iterator<String> fields = event.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (field.endsWith("EventDetails")) {
                    JsonNode details = event.get(field);
                    for (String key : List.of("name", "error", "cause", "resource")) {
                        if (details.hasNonNull(key)) {
                            text.append(' ')
                                    .append(key)
                                    .append('=')
                                    .append(abbreviate(details.get(key).asText()));
                        }
                    }
                }
            }
            return text.toString().stripTrailing();
        }

        private static String abbreviate(String text) {
            return text.length() <= 160 ? text : text.substring(0, 157) + "...";
        }
    }
}
