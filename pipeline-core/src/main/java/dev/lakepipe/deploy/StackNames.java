package dev.lakepipe.deploy;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The one owner of the names a deployment of a use case creates: the CDK app creates them, the configs must
 * name them ({@code lakepipe configs validate --stack} checks), and the local stand-ins use the same ones.
 *
 * @param useCase the CDK {@code UseCase}, {@code [a-z][a-z0-9_]{1,30}}
 */
public record StackNames(String useCase) {
    public static final Pattern USE_CASE = Pattern.compile("[a-z][a-z0-9_]{1,30}");

    public StackNames {
        requireValidUseCase(useCase);
    }

    static void requireValidUseCase(String useCase) {
        requireNonNull(useCase, "useCase is null");
        if (!USE_CASE.matcher(useCase).matches()) {
            throw new IllegalArgumentException(
                    "Invalid use case: '%s' (expected [a-z][a-z0-9_]{1,30}, the UseCase the stack was deployed with)"
                            .formatted(useCase));
        }
    }

    /** {@code lakepipe-<use case>}, underscores as dashes (stack and bucket names allow none). */
    public String stackName() {
        return "lakepipe-" + useCase.replace('_', '-');
    }

    /** The RDS-style secret of the Spark user (JDBC loads): {@code <use case>/rdbms/rds/primary/spark}; database::config names it. */
    public String sparkSecret() {
        return secret("spark");
    }

    /** The RDS-style secret of the DMS user (the CDC source endpoint). */
    public String dmsSecret() {
        return secret("dms");
    }

    /** The Glue database of the silver and gold tables: {@code <use case>_lake}; database::config's target_db_name. */
    public String glueDatabase() {
        return useCase + "_lake";
    }

    /** The bucket prefix unless the deployment sets one: {@code lakepipe-<use case>-<account id>}. */
    public String defaultBucketPrefix(String accountId) {
        requireNonNull(accountId, "accountId is null");
        return stackName() + "-" + accountId;
    }

    public SsmParameterNames ssmParameters() {
        return new SsmParameterNames(useCase);
    }

    private String secret(String user) {
        return useCase + "/rdbms/rds/primary/" + user;
    }
}
