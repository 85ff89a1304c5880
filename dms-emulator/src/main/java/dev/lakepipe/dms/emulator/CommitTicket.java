package dev.lakepipe.dms.emulator;

/**
 * Tracks one source transaction until every row it put into change files is published; only then
 * may the emulator report the transaction's offset as processed (so the slot and the offset store
 * move past it).
 */
final class CommitTicket {
    private int unpublishedRows;
    private boolean complete;

    void addRow() {
        unpublishedRows++;
    }

    void rowPublished() {
        unpublishedRows--;
    }

    /** The transaction's END arrived: no more rows will be added. */
    void complete() {
        complete = true;
    }

    boolean published() {
        return complete && unpublishedRows == 0;
    }
}
