package dev.lakepipe.dms;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PostgreSQL source endpoint settings that change what lands in the lake
 * ({@code PostgreSqlSettings} in the DMS API).
 *
 * @param slotName the logical replication slot the task reads (and the emulator creates)
 * @param mapBooleanAsBoolean true writes {@code boolean} columns as booleans; DMS's default (false), which
 *     lakepipe keeps, writes the strings {@code true}/{@code false}, as the full load ({@code ::text}) does.
 * @param heartbeatEnable DMS heartbeat transactions keep an idle slot's {@code restart_lsn} moving
 * @param heartbeatFrequencyMinutes {@code HeartbeatFrequency}
 */
public record DmsPostgresSourceSettings(
        String slotName, boolean mapBooleanAsBoolean, boolean heartbeatEnable, int heartbeatFrequencyMinutes) {

    public static final String DEFAULT_SLOT_NAME = "lakepipe_dms";

    public DmsPostgresSourceSettings {
        requireNonNull(slotName, "slotName is null");
        if (!slotName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException(
                    "Invalid SlotName: '%s' (lower-case letters, digits and _, at most 63)".formatted(slotName));
        }
        if (heartbeatFrequencyMinutes < 1) {
            throw new IllegalArgumentException(
                    "Invalid HeartbeatFrequency: %d (minutes, at least 1)".formatted(heartbeatFrequencyMinutes));
        }
    }

    public static DmsPostgresSourceSettings lakepipe() {
        return new DmsPostgresSourceSettings(DEFAULT_SLOT_NAME, false, true, 5);
    }

    /** The settings under their DMS API names. */
    public Map<String, Object> toPostgreSqlSettingsMap() {
        var map = new LinkedHashMap<String, Object>();
        map.put("SlotName", slotName);
        map.put("MapBooleanAsBoolean", mapBooleanAsBoolean);
        map.put("HeartbeatEnable", heartbeatEnable);
        map.put("HeartbeatFrequency", heartbeatFrequencyMinutes);
        return map;
    }
}
