package dev.lakepipe.steps.source;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One source column as PostgreSQL's catalog describes it.
 *
 * @param typeName {@code pg_type.typname} of the column's type, e.g. {@code int4}, {@code numeric}, {@code bpchar}
 * @param precision numeric precision, or -1 when the type has none (or numeric is unconstrained)
 * @param scale numeric scale, or -1
 */
public record PgColumn(String name, String typeName, int precision, int scale, boolean nullable)
        implements Serializable {

    public PgColumn {
        requireNonNull(name, "name is null");
        requireNonNull(typeName, "typeName is null");
    }

    /** The column as an SQL identifier, always quoted. */
    public String quotedName() {
        return PgIdentifiers.quote(name);
    }
}
