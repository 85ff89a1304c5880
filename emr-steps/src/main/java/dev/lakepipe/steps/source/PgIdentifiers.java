package dev.lakepipe.steps.source;

/** Quoting of PostgreSQL identifiers and literals for the few statements lakepipe builds itself. */
public final class PgIdentifiers {

    private PgIdentifiers() {}

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
