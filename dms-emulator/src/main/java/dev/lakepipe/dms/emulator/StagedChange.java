package dev.lakepipe.dms.emulator;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A captured change held until its transaction's END tells the commit LSN.
 *
 * @param image after image (I, U) or before image (D)
 * @param previousKey the key before an UPDATE, for before-image columns; null for I and D
 * @param index the change's 1-based position in its transaction
 */
record StagedChange(
        TableId table,
        ChangeOperation operation,
        Struct image,
        Struct previousKey,
        Optional<Schema> keySchema,
        long index,
        long changeLsn,
        Instant commitTime) {}
