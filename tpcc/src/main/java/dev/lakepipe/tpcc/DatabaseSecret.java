package dev.lakepipe.tpcc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An RDS-style database secret, the JSON Secrets Manager keeps for an RDS instance:
 * {@code {"username","password","host","port","dbname","engine","sslmode"}}. {@link #toString()}
 * never shows the password.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatabaseSecret(
        String username, String password, String host, int port, String dbname, String engine, String sslmode) {

    public DatabaseSecret {
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(host, "host is null");
        requireNonNull(dbname, "dbname is null");
        engine = engine == null ? "postgres" : engine;
        sslmode = sslmode == null ? "disable" : sslmode;
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("Invalid port: " + port + " (expected 1 to 65535)");
        }
    }

    /** The JDBC URL without credentials: {@code jdbc:postgresql://host:port/dbname?sslmode=...}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbname + "?sslmode=" + sslmode;
    }

    @Override
    public String toString() {
        return "DatabaseSecret[username=" + username + ", password=****, host=" + host + ", port=" + port
                + ", dbname=" + dbname + ", engine=" + engine + ", sslmode=" + sslmode + "]";
    }
}
