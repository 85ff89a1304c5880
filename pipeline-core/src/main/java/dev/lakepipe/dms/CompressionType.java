package dev.lakepipe.dms;

/** {@code S3Settings.CompressionType}: GZIP compresses CSV objects ({@code .csv.gz}) and parquet pages. */
public enum CompressionType {
    NONE,
    GZIP;

    public String dmsValue() {
        return name();
    }
}
