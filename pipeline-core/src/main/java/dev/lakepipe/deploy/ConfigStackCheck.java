package dev.lakepipe.deploy;

import dev.lakepipe.config.ConfigItem;
import dev.lakepipe.config.DatabaseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether validated config items name what a stack created: the identifier its schedules launch, the Spark
 * secret, the Glue database. Each mismatch is one message naming the field, both values and the fix.
 */
public final class ConfigStackCheck {

    private ConfigStackCheck() {}

    public static List<String> mismatches(List<ConfigItem> items, StackDescription stack) {
        var mismatches = new ArrayList<String>();
        var identifiers = items.stream().map(ConfigItem::identifier).collect(Collectors.toSet());
        for (var identifier : stack.foreignIdentifiers(identifiers)) {
            mismatches.add(
                    "identifier '%s' is not the one stack %s's schedules launch ('%s'); rename the items or deploy with -c ConfigIdentifier=%s"
                            .formatted(identifier, stack.source(), stack.configIdentifier(), identifier));
        }
        items.stream()
                .filter(DatabaseConfig.class::isInstance)
                .map(DatabaseConfig.class::cast)
                .forEach(database -> {
                    if (!database.secret().equals(stack.sparkSecret())) {
                        mismatches.add(
                                "%s %s: secret is '%s' but stack %s creates the Spark secret '%s'; set \"secret\": \"%s\""
                                        .formatted(
                                                database.identifier(),
                                                database.key(),
                                                database.secret(),
                                                stack.source(),
                                                stack.sparkSecret(),
                                                stack.sparkSecret()));
                    }
                    if (!database.targetDbName().equals(stack.glueDatabase())) {
                        mismatches.add(
                                "%s %s: target_db_name is '%s' but stack %s creates, registers and grants the Glue database '%s'; set \"target_db_name\": \"%s\""
                                        .formatted(
                                                database.identifier(),
                                                database.key(),
                                                database.targetDbName(),
                                                stack.source(),
                                                stack.glueDatabase(),
                                                stack.glueDatabase()));
                    }
                });
        return mismatches;
    }
}
