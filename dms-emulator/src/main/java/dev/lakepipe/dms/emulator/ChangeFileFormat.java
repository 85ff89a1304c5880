package dev.lakepipe.dms.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Writes and reads back one DMS change-file format. */
interface ChangeFileFormat {

    /** Footer/metadata key for the highest change position in a file (parquet only). */
    String MAX_POSITION_KEY = "lakepipe.dms.max_position";

    /** Writes {@code rows} (in {@code layout} column order) to {@code file}, which does not exist yet. */
    void write(Path file, TableLayout layout, List<Object[]> rows, long maxPosition) throws IOException;

    /**
     * The highest change position written to {@code file}, read back from the file itself; empty when the
     * file cannot tell (then the emulator cannot skip re-delivered changes of that table).
     *
     * @param trailingColumnsAfterSequence how many columns follow {@code trx_seq} in the table's rows,
     *     or -1 when the table has no {@code $AR_H_CHANGE_SEQ} column
     */
    OptionalLong maxPosition(Path file, int trailingColumnsAfterSequence) throws IOException;
}
