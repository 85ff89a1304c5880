package dev.lakepipe.steps.hudi;

import org.apache.hudi.client.transaction.ConcurrentOperation;
import org.apache.hudi.client.transaction.SimpleConcurrentFileWritesConflictResolutionStrategy;

/**
 * A write conflicts with every write committed to its table while it ran, not only with those that changed the same
 * files (Hudi's default). Two applies of one batch that put a new key into different new file groups would otherwise
 * both commit and leave the key twice; a table has one writer at a time, so the one that commits second commits
 * nothing. Hudi asks this under the table's lock ({@link TableLock}), at each commit.
 */
public class TableLevelConflicts extends SimpleConcurrentFileWritesConflictResolutionStrategy {

    @Override
    public boolean hasConflict(ConcurrentOperation thisOperation, ConcurrentOperation otherOperation) {
        return true;
    }
}
