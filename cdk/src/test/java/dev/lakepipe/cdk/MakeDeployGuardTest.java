package dev.lakepipe.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code make deploy} refuses to start without AdminPrincipalArns, before it builds or calls AWS. */
class MakeDeployGuardTest {

    @Test
    void deployWithoutAdminPrincipalArnsStopsBeforeAnythingStarts() {
        var result = make("CONTEXT=LakeFormationAdminArns=arn:aws:iam::123456789012:role/Admin");
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output())
                .startsWith("make deploy: set AdminPrincipalArns to the role you deploy with")
                .contains("the artifact upload that ends the deploy would be refused")
                .doesNotContain("mvn")
                .doesNotContain("whoami");
    }

    @Test
    void anEmptyAdminPrincipalArnsIsRefusedToo() {
        var result = make("CONTEXT=AdminPrincipalArns=");
        assertThat(result.output()).startsWith("make deploy: set AdminPrincipalArns");
    }

    private static NodeTool.Result make(String context) {
        return NodeTool.run(List.of(
                "make",
                "-s",
                "-C",
                TestDeployment.REPOSITORY.toString(),
                "deploy",
                "USE_CASE=tpcc",
                "OPS_EMAIL=ops@example.com",
                context));
    }
}
