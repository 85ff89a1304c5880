package dev.lakepipe.dms;

/** Names of the columns DMS adds to bronze rows (full load and CDC) in lakepipe's table mapping. */
public final class DmsColumns {
    /** First column: {@code I}, {@code U} or {@code D}. */
    public static final String OP = "Op";
    /** The {@code $AR_H_CHANGE_SEQ} column: 35-digit string, empty in full-load files. */
    public static final String TRX_SEQ = "trx_seq";
    /** Boolean, true on delete rows. */
    public static final String IS_DELETED = "_hoodie_is_deleted";
    /** Prefix of the before-image columns of the primary key ({@code BI_<pk column>}). */
    public static final String BEFORE_IMAGE_PREFIX = "BI_";

    private DmsColumns() {}
}
