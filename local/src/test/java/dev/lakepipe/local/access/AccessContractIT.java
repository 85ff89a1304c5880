package dev.lakepipe.local.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessContract;
import dev.lakepipe.local.demo.OrchestratedLoad;
import dev.lakepipe.local.emr.SparkStepProcess;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import dev.lakepipe.tpcc.TpccScale;
import dev.lakepipe.tpcc.TpccSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access contract (docs/access-contract.md): the tpcc chain jdbc_load → seed_hudi → incremental_hudi through the
 * launcher and the state machine, every step in its own JVM recording its S3, Secrets Manager and Glue accesses, then
 * each access evaluated against the role the synthesized stack gives its step (plus the bucket policies, as an in-VPC
 * call). Two small tables at TINY scale (one keyed by all columns) keep the step JVMs few.
 */
class AccessContractIT {

    private static final Set<String> ITEMS = Set.of("database::config", "step::system::public.warehouse", "step::system::public.history",
            "pipeline::system::jdbc_load", "pipeline::system::seed_hudi", "pipeline::system::incremental_hudi");

    /** Kept after the run (target/ is the build's), so a failed step's logs can be read. */
    private static final Path home = Path.of("target", "access-contract-it").toAbsolutePath();

    private static List<Access> accesses;

    @BeforeAll
    static void runTheChain() throws Exception {
        deleteRecursively(home);
        Files.createDirectories(home);
        var json = new ObjectMapper();
        var items = json.createArrayNode();
        json.readTree(SynthesizedStack.REPOSITORY.resolve("pipeline-configs/tpcc.json").toFile()).forEach(item -> {
            if (ITEMS.contains(item.path("config").asText())) {
                var copy = (ObjectNode) item.deepCopy();
                copy.remove("allowed_concurrent");
                if (item.path("config").asText().equals("pipeline::system::incremental_hudi")) {
                    copy.remove("next_pipeline");
                }
                items.add(copy);
            }
        });
        var configs = home.resolve("configs.json");
        Files.writeString(configs, json.writeValueAsString(items));
        var log = new StringWriter();
        try (var source = TpccSource.builder().home(home).durable(false).scale(TpccScale.TINY).warehouses(1).build()) {
            new OrchestratedLoad(home, SynthesizedStack.REPOSITORY.resolve("state-machines"), configs, SparkStepProcess.local(),
                    new PrintWriter(log, true)).run("tpcc");
        }
        accesses = AccessContractChecks.accesses(home);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void everyAccessOfEveryStepIsAllowedByItsRoleInTheSynthesizedStack() {
        assertThat(accesses).extracting(Access::step).anyMatch(step -> step.startsWith("jdbc_load"))
                .anyMatch(step -> step.startsWith("seed_hudi")).anyMatch(step -> step.startsWith("incremental_hudi"))
                .contains("launcher", LocalPipelineRuntime.STATE_MACHINE_NAME);
        assertThat(accesses).extracting(Access::action)
                .contains("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "secretsmanager:GetSecretValue",
                        "glue:GetDatabase", "glue:CreateTable", "sns:Publish");

        AccessContractChecks.assertAllowed(SynthesizedStack.contract(SynthesizedStack.defaults()), accesses);
    }

    @Test
    void aZoneRoleWithoutItsSilverWriteStatementFailsNamingStepActionAndResource() {
        var template = SynthesizedStack.withoutStatement(SynthesizedStack.defaults(), "EmrRolesSilverJobFlowRole", "s3:PutObject", "DataLakeSilverBucket");

        var violations = SynthesizedStack.contract(template).check(accesses);

        assertThat(violations).isNotEmpty().allSatisfy(violation -> assertThat(violation.role()).startsWith("EmrRolesSilverJobFlowRole"));
        assertThat(violations).extracting(AccessContract.Violation::message).anySatisfy(message -> assertThat(message)
                .startsWith("seed_hudi public.")
                .contains("as role EmrRolesSilverJobFlowRole", "s3:PutObject arn:aws:s3:::lakepipe-silver/tpcc_lake/",
                        "no statement allows it; missing: Allow s3:PutObject on arn:aws:s3:::lakepipe-silver/"));
    }
}
