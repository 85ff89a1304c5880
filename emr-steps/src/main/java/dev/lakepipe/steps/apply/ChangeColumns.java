package dev.lakepipe.steps.apply;

/** Bookkeeping columns of the apply job; the DMS columns themselves are in {@link dev.lakepipe.dms.DmsColumns}. */
final class ChangeColumns {

    /** The change file a row came from (for error messages; never written to silver). */
    static final String SOURCE_FILE = "_lakepipe_source_file";

    private ChangeColumns() {}
}
