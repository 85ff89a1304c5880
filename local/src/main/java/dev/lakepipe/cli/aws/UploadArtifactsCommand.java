package dev.lakepipe.cli.aws;

import dev.lakepipe.LakepipeException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakepipe aws upload-artifacts --use-case U}: the emr-steps jar, the EMR bootstrap scripts and the SQL steps'
 * files to the artifacts bucket.
 */
@Command(
        name = "upload-artifacts",
        mixinStandardHelpOptions = true,
        description =
                "Upload emr-steps.jar, the EMR bootstrap scripts and the SQL steps' files (*.sql of the SQL folder, to sql/)"
                        + " to the artifacts bucket named in SSM.")
public final class UploadArtifactsCommand implements Callable<Integer> {

    static final String DEFAULT_SQL_DIR = "pipeline-configs/sql";

    @Spec
    CommandSpec spec;

    @Mixin
    AwsOptions aws = new AwsOptions();

    @Option(names = "--emr-steps-jar", description = "Default: emr-steps/target/emr-steps.jar in the repository.")
    Path emrStepsJar;

    @Option(names = "--bootstrap-dir", description = "Default: state-machines/bootstrap in the repository.")
    Path bootstrapDir;

    @Option(
            names = "--sql-dir",
            description = "The SQL steps' files; every *.sql goes to s3://<artifacts>/sql/<name>."
                    + " Default: pipeline-configs/sql in the repository, when it exists.")
    Path sqlDir;

    AwsCommandClients.Factory clientFactory = AwsCommandClients.DEFAULT;

    @Override
    public Integer call() {
        var repository = Path.of(System.getProperty("lakepipe.repo", "."));
        var jar = emrStepsJar != null ? emrStepsJar : repository.resolve("emr-steps/target/emr-steps.jar");
        var bootstrap = bootstrapDir != null ? bootstrapDir : repository.resolve("state-machines/bootstrap");
        var sql = sqlDir != null
                ? Optional.of(sqlDir)
                : Optional.of(repository.resolve(DEFAULT_SQL_DIR)).filter(Files::isDirectory);
        try (var clients = clientFactory.create(aws.region())) {
            for (var uri : new ArtifactUploader(clients).upload(aws.parameterNames(), jar, bootstrap, sql)) {
                spec.commandLine().getOut().println("Uploaded " + uri);
            }
            return 0;
        } catch (LakepipeException | IllegalArgumentException | UncheckedIOException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }
}
