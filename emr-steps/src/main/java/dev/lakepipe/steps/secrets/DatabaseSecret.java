package dev.lakepipe.steps.secrets;

import static java.util.Objects.requireNonNull;

import dev.lakepipe.LakepipeException;
import java.io.Serializable;
import java.util.Properties;

/**
 * The RDS-style database secret: {@code {"username","password","host","port","dbname","engine","sslmode"}}.
 * {@link #toString()} never shows the password.
 */
public record DatabaseSecret(String username, String password, String host, int port, String dbname, String sslmode)
        implements Serializable {

    public DatabaseSecret {
        requireNonNull(username, "username is null");
        requireNonNull(password, "password is null");
        requireNonNull(host, "host is null");
        requireNonNull(dbname, "dbname is null");
        sslmode = sslmode == null || sslmode.isBlank() ? "prefer" : sslmode;
        if (port <= 0 || port > 65535) {
            throw new LakepipeException("Invalid port in database secret for %s: %s; expected 1-65535", host, port);
        }
    }

    /** The JDBC URL, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + dbname + "?sslmode=" + sslmode;
    }

    /** Driver properties carrying the credentials, so they never appear in a URL or a log line. */
    public Properties connectionProperties() {
        var properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "lakepipe");
        return properties;
    }

    @Override
    public String toString() {
        return "DatabaseSecret[" + username + "@" + host + ":" + port + "/" + dbname + ", sslmode=" + sslmode + "]";
    }
}
