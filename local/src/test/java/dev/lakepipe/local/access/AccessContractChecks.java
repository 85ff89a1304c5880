package dev.lakepipe.local.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakepipe.access.Access;
import dev.lakepipe.access.AccessContract;
import dev.lakepipe.access.AccessLog;
import dev.lakepipe.local.runtime.LocalPipelineRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reading a local run's access logs and asserting the contract, for the ITs that run steps. */
public final class AccessContractChecks {

    private AccessContractChecks() {}

    public static List<Access> accesses(Path home) {
        return AccessLog.read(LocalPipelineRuntime.accessLogs(home));
    }

    /** Fails listing every access the stack would refuse, one line each. */
    public static void assertAllowed(AccessContract contract, List<Access> accesses) {
        var violations = contract.check(accesses);
        assertThat(violations)
                .as(() -> "%d of %d accesses would be denied on AWS:%n%s"
                        .formatted(
                                violations.size(),
                                accesses.size(),
                                violations.stream()
                                        .map(AccessContract.Violation::message)
                                        .distinct()
                                        .limit(60)
                                        .collect(Collectors.joining("\n"))))
                .isEmpty();
    }

    /** The contract of the local run in {@code home} against the default synthesized stack. */
    public static void assertHolds(Path home) {
        assertAllowed(SynthesizedStack.contract(SynthesizedStack.defaults()), accesses(home));
    }
}
