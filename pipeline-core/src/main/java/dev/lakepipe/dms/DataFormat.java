package dev.lakepipe.dms;

/** {@code S3Settings.DataFormat}: the file format DMS writes. */
public enum DataFormat {
    PARQUET("parquet", ".parquet"),
    CSV("csv", ".csv");

    private final String dmsValue;
    private final String extension;

    DataFormat(String dmsValue, String extension) {
        this.dmsValue = dmsValue;
        this.extension = extension;
    }

    public String dmsValue() {
        return dmsValue;
    }

    /** File extension without compression suffix, e.g. {@code .parquet}. */
    public String extension() {
        return extension;
    }
}
