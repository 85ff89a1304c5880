package dev.lakepipe.steps.catalog;

import dev.lakepipe.access.AccessLog;
import dev.lakepipe.access.AwsArns;

/** Recording a Glue call for the access contract: Glue authorizes it on the catalog, the database and, for a table call, the table. */
final class GlueCalls {

    private GlueCalls() {}

    static void record(AccessLog log, String action, String database, String table) {
        log.record(action, AwsArns.glueCatalog());
        log.record(action, AwsArns.glueDatabase(database));
        if (table != null) {
            log.record(action, AwsArns.glueTable(database, table));
        }
    }
}
