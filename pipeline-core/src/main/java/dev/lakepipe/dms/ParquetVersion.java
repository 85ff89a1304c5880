package dev.lakepipe.dms;

/** {@code S3Settings.ParquetVersion}. */
public enum ParquetVersion {
    PARQUET_1_0("parquet-1-0"),
    PARQUET_2_0("parquet-2-0");

    private final String dmsValue;

    ParquetVersion(String dmsValue) {
        this.dmsValue = dmsValue;
    }

    public String dmsValue() {
        return dmsValue;
    }
}
