package dev.lakepipe.sqlclient;

/** How {@code lakepipe sql} prints a result. */
public enum SqlFormat {
    TABLE,
    CSV,
    JSON
}
