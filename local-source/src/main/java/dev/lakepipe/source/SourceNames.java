package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.deploy.StackNames;

/**
 * The names a local source is known by: its database, the publication CDC readers use, and the secrets of the
 * read-only Spark role and the replication (DMS) role.
 */
public record SourceNames(String database, String publication, String sparkSecret, String dmsSecret) {

    public SourceNames {
        requireNonNull(database, "database is null");
        requireNonNull(publication, "publication is null");
        requireNonNull(sparkSecret, "sparkSecret is null");
        requireNonNull(dmsSecret, "dmsSecret is null");
    }

    /** The source {@code database} of a stack's use case: publication {@code lakepipe_<database>}, the stack's secret names. */
    public static SourceNames of(StackNames stack, String database) {
        return new SourceNames(database, "lakepipe_" + database, stack.sparkSecret(), stack.dmsSecret());
    }
}
