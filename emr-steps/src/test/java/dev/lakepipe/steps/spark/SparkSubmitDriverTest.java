package dev.lakepipe.steps.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkUserAppException;
import org.junit.jupiter.api.Test;

/** The exit rules of the real spark-submit driver, which the local EMR's step JVMs apply. */
class SparkSubmitDriverTest {

    /** A main that leaves the JVM itself, as every step main did before: fine in client mode, a failure on EMR. */
    public static final class ExitsItself {
        public static void main(String[] args) {
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /** A main that ends as {@code StepMain.exit} makes it end. */
    public static final class EndsAsAStep {
        public static void main(String[] args) throws SparkUserAppException {
            var code = Integer.parseInt(args[0]);
            if (code != 0) {
                throw new SparkUserAppException(code);
            }
        }
    }

    /** A main that throws something else. */
    public static final class Throws {
        public static void main(String[] args) {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void inClusterModeAMainThatExitsBeforeReturningFailsEvenWithExitCodeZero() throws Exception {
        var run = run("cluster", ExitsItself.class, "0");

        assertThat(run.exitCode()).isEqualTo(SparkSubmitDriver.EXIT_EARLY);
        assertThat(run.stderr()).contains("Shutdown hook called before final status was reported", "StepMain.exit");
    }

    @Test
    void inClientModeTheMainsOwnExitStands() throws Exception {
        assertThat(run("client", ExitsItself.class, "0").exitCode()).isZero();
        assertThat(run("client", ExitsItself.class, "3").exitCode()).isEqualTo(3);
    }

    @Test
    void aStepMainEndsWithItsExitCodeInBothModes() throws Exception {
        for (var mode : List.of("cluster", "client")) {
            assertThat(run(mode, EndsAsAStep.class, "0").exitCode()).as(mode).isZero();
            var failed = run(mode, EndsAsAStep.class, "2");
            assertThat(failed.exitCode()).as(mode).isEqualTo(2);
            assertThat(failed.stderr()).contains("User application exited with status 2");
        }
    }

    @Test
    void anotherExceptionExitsAsTheDriverDoes() throws Exception {
        var cluster = run("cluster", Throws.class);
        assertThat(cluster.exitCode()).isEqualTo(SparkSubmitDriver.EXIT_EXCEPTION_USER_CLASS);
        assertThat(cluster.stderr()).contains("Exception in thread \"main\" java.lang.IllegalStateException: boom");
        assertThat(run("client", Throws.class).exitCode()).isEqualTo(1);
    }

    @Test
    void theDiagnosticsAreTheApplicationMastersOnlyAnExceptionCarriesItsText() {
        var err = new PrintStream(OutputStream.nullOutputStream());

        assertThat(SparkSubmitDriver.end(new SparkUserAppException(1), true, err))
                .isEqualTo(new SparkSubmitDriver.Final(1, "User application exited with status 1"));
        var thrown = SparkSubmitDriver.end(new IllegalStateException("Table t has no key; add one"), true, err);
        assertThat(thrown.exitCode()).isEqualTo(SparkSubmitDriver.EXIT_EXCEPTION_USER_CLASS);
        assertThat(thrown.diagnostics())
                .startsWith("User class threw exception: java.lang.IllegalStateException: Table t has no key; add one"
                        + System.lineSeparator() + "\tat ");
    }

    private record Run(int exitCode, String stderr) {}

    private static Run run(String mode, Class<?> main, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SparkSubmitDriver.class.getName(),
                mode,
                main.getName()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        var stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr);
    }
}
