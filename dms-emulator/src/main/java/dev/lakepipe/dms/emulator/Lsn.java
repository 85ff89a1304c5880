package dev.lakepipe.dms.emulator;

import java.util.Locale;

/** PostgreSQL's text form of an LSN: {@code <high 32 bits hex>/<low 32 bits hex>}, e.g. {@code 0/1511B10}. */
final class Lsn {
    private Lsn() {}

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
    }
}
