package dev.lakepipe.steps.apply;

/** Names of the columns DMS (with the lakepipe table-mapping rules) adds to each change row. */
public final class ChangeColumns {

    /** I / U / D; absent when DMS runs with CdcInsertsOnly (every row is an insert). */
    public static final String OP = "Op";
    /** {@code $AR_H_CHANGE_SEQ}: 35 digits, the first 16 the UTC commit time to 1/100 s; unique and increasing per change. */
    public static final String CHANGE_SEQ = "trx_seq";
    /** Hudi's soft-delete marker, true for Op = D. */
    public static final String IS_DELETED = "_hoodie_is_deleted";
    /** Prefix of the {@code add-before-image-columns} rule (pk-only): {@code BI_<key>} holds the key before an update. */
    public static final String BEFORE_IMAGE_PREFIX = "BI_";
    /** Bookkeeping column: the change file a row came from (never written to silver). */
    static final String SOURCE_FILE = "_lakepipe_source_file";

    private ChangeColumns() {
    }
}
