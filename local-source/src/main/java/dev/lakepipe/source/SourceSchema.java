package dev.lakepipe.source;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;

/** The tables a local source holds, created on its database before the Spark and DMS roles get read access. */
public interface SourceSchema {

    /** The PostgreSQL schema the tables live in; the Spark and DMS roles may read every table in it. */
    String name();

    /** Creates the tables unless they exist; the connection is a superuser's on the source database. */
    void createIfMissing(Connection connection) throws SQLException;

    /** A schema whose tables the caller creates later (tests, a source filled by hand). */
    static SourceSchema existing(String name) {
        requireNonNull(name, "name is null");
        return new SourceSchema() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void createIfMissing(Connection connection) {}
        };
    }
}
