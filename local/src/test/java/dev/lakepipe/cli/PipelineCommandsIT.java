package dev.lakepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.local.emr.TestStepProcesses;
import dev.lakepipe.local.emr.steps.PersistentDifferenceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakepipe run}, {@code executions} and {@code schedule} in-process, on DynamoDB Local kept in the home folder. */
class PipelineCommandsIT {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path home;

    @Test
    void runShowsStatesAndStepsAndEndsWithTheStatusThenExecutionsShowIt() throws Exception {
        Path out = home.resolve("out/a.txt");
        importConfigs("""
                [{"identifier": "shop", "config": "database::config", "secret": "lakepipe/shop/spark",
                  "target_db_name": "shop_lake", "target_table_prefix": "shop"},
                 {"identifier": "shop", "config": "pipeline::custom::checks",
                  "emr_config": {"release_label": "emr-7.5.0", "master": {"instance_type": "m5.xlarge"},
                                 "worker": {"instance_type": "r5.xlarge", "count": 1}}},
                 {"identifier": "shop", "config": "step::checks::a_ok",
                  "entrypoint": {"class": "dev.lakepipe.local.emr.steps.WriteFileStep", "args": ["--out", "%s"]}}]
                """.formatted(out));

        var run = execute(
                new RunCommand(options -> TestStepProcesses.direct()),
                "checks",
                "--identifier",
                "shop",
                "--table",
                "configs",
                "--repo",
                REPO.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains(
                        "  Create cluster",
                        "step checks a_ok RUNNING",
                        "step checks a_ok COMPLETED [1/1 steps ended]",
                        "  Terminate cluster",
                        "  Notify success",
                        " TERMINATED");
        String name = Files.list(home.resolve("executions"))
                .findFirst()
                .orElseThrow()
                .getFileName()
                .toString();
        assertThat(name).matches("shop-checks-\\d{14}");
        assertThat(run.out()).containsPattern(name + " +SUCCEEDED");
        assertThat(out).exists();

        var list = execute(new ExecutionsCommand.ListExecutions());
        assertThat(list.out()).containsPattern(name + " +SUCCEEDED");
        var describe = execute(new ExecutionsCommand.Describe(), name);
        assertThat(describe.out()).contains("\"status\" : \"SUCCEEDED\"", "\"name\" : \"" + name + "\"");
        var history = execute(new ExecutionsCommand.History(), name);
        assertThat(history.out())
                .contains("ExecutionStarted", "TaskStateEntered", "name=Create cluster", "ExecutionSucceeded");
        var missing = execute(new ExecutionsCommand.Describe(), "nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("No execution nope in ");
    }

    @Test
    void scheduleLaunchesTheIncrementalRuleEveryPeriodUntilItsDurationEnds() throws Exception {
        importConfigs("""
                [{"identifier": "shop", "config": "database::config", "secret": "lakepipe/shop/spark",
                  "target_db_name": "shop_lake", "target_table_prefix": "shop"},
                 {"identifier": "shop", "config": "pipeline::system::incremental_hudi",
                  "emr_config": {"release_label": "emr-7.5.0", "master": {"instance_type": "m5.xlarge"},
                                 "worker": {"instance_type": "r5.xlarge", "count": 1}}},
                 {"identifier": "shop", "config": "step::system::sales.orders", "hudi_config": {"primary_key": "order_id"}}]
                """);
        Path record = home.resolve("record.txt");

        var schedule = execute(
                new ScheduleCommand(options -> TestStepProcesses.recordingTo(record)),
                "--identifier",
                "shop",
                "--table",
                "configs",
                "--repo",
                REPO.toString(),
                "--jdbc-load-every",
                "0",
                "--incremental-every",
                "2s",
                "--duration",
                "5s");

        assertThat(schedule.exitCode()).as(schedule.toString()).isZero();
        // Fires at 2 s and 4 s; the second is refused when the first still runs (incremental_hudi is not
        // allowed next to itself), so one or two launches, each reported.
        assertThat(schedule.out())
                .contains("rule shop incremental_hudi: rate(PT2S)", "launched shop-incremental_hudi-")
                .containsPattern("schedule stopped after [12] launch\\(es\\)");
        assertThat(Files.readAllLines(record))
                .isNotEmpty()
                .allMatch(line -> line.startsWith("dev.lakepipe.steps.HudiApplyStep --config ")
                        && line.endsWith("--mode incremental"));
    }

    /**
     * {@code lakepipe tables reload}: the launch the AWS event makes, through the real launcher and state machine; the
     * table list reaches the chained seed_hudi; a table that is not configured is refused, naming the enabled ones.
     */
    @Test
    void tablesReloadRunsTheChainForTheNamedTableOnly() throws Exception {
        importShopTables();
        Path record = home.resolve("record.txt");
        var command = new TablesReloadCommand(options -> TestStepProcesses.recordingTo(record));

        var reload = execute(
                command, "sales.orders", "--identifier", "shop", "--table", "configs", "--repo", REPO.toString());

        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(reload.out())
                .containsPattern("shop-jdbc_load-\\d{14} +SUCCEEDED")
                .containsPattern("shop-seed_hudi-\\d{14} +SUCCEEDED");
        assertReloadChainOfOrdersOnly(record);

        var unknown = execute(
                new TablesReloadCommand(options -> TestStepProcesses.recordingTo(record)),
                "sales.order",
                "--identifier",
                "shop",
                "--table",
                "configs",
                "--repo",
                REPO.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("sales.order is no enabled table of identifier shop; the enabled tables are"
                        + " [sales.customers, sales.orders]");
    }

    /**
     * {@code lakepipe verify --live --reload-on-mismatch}: the tables the verify step names as differing persistently are
     * reloaded through the launch of {@code lakepipe tables reload}; the verify's exit code stands.
     */
    @Test
    void verifyReloadOnMismatchReloadsTheTablesThatDifferPersistently() throws Exception {
        importShopTables();
        Path record = home.resolve("record.txt");
        var command = new VerifyCommand(
                TestStepProcesses.runningAs(PersistentDifferenceStep.class.getName()),
                options -> TestStepProcesses.recordingTo(record));

        var verify = execute(
                command,
                "--identifier",
                "shop",
                "--config",
                home.resolve("snapshot.json").toUri().toString(),
                "--table",
                "sales.orders",
                "--live",
                "--reload-on-mismatch",
                "--config-table",
                "configs",
                "--repo",
                REPO.toString());

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out())
                .contains("verify: tables that differ persistently: sales.orders", "Reloading sales.orders")
                .containsPattern("shop-seed_hudi-\\d{14} +SUCCEEDED");
        assertReloadChainOfOrdersOnly(record);

        var withoutLive = execute(
                new VerifyCommand(
                        TestStepProcesses.runningAs(PersistentDifferenceStep.class.getName()),
                        options -> TestStepProcesses.recordingTo(record)),
                "--identifier",
                "shop",
                "--reload-on-mismatch",
                "--config-table",
                "configs");
        assertThat(withoutLive.exitCode()).isEqualTo(2);
        assertThat(withoutLive.err()).contains("--reload-on-mismatch needs --live");
    }

    /** The steps recorded are a reload's chain (source check, jdbc_load, seed_hudi) for sales.orders alone. */
    private static void assertReloadChainOfOrdersOnly(Path record) throws IOException {
        assertThat(Files.readAllLines(record))
                .extracting(line -> line.substring(0, line.indexOf(' ')) + line.substring(line.indexOf("--table")))
                .containsExactly(
                        "dev.lakepipe.steps.SourceCheckStep--table sales.orders",
                        "dev.lakepipe.steps.JdbcLoadStep--table sales.orders",
                        "dev.lakepipe.steps.SeedHudiStep--table sales.orders");
    }

    /** The identifier shop with two tables, jdbc_load chaining seed_hudi: what a reload launches. */
    private void importShopTables() throws Exception {
        var emr = """
                "emr_config": {"release_label": "emr-7.5.0", "master": {"instance_type": "m5.xlarge"},
                               "worker": {"instance_type": "r5.xlarge", "count": 1}}""";
        importConfigs("""
                [{"identifier": "shop", "config": "database::config", "secret": "lakepipe/shop/spark",
                  "target_db_name": "shop_lake", "target_table_prefix": "shop"},
                 {"identifier": "shop", "config": "pipeline::system::jdbc_load", %s,
                  "next_pipeline": {"pipeline_type": "seed_hudi", "enabled": true}},
                 {"identifier": "shop", "config": "pipeline::system::seed_hudi", %s},
                 {"identifier": "shop", "config": "step::system::sales.orders", "hudi_config": {"primary_key": "order_id"}},
                 {"identifier": "shop", "config": "step::system::sales.customers", "hudi_config": {"primary_key": "id"}}]
                """.formatted(emr, emr));
    }

    private void importConfigs(String json) throws Exception {
        Path file = Files.writeString(home.resolve("configs.json"), json);
        var result = CliDriver.runIn(home, "configs", "import", file.toString(), "--table", "configs");
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private CliDriver execute(Object command, String... args) {
        return CliDriver.runCommandIn(home, command, args);
    }
}
