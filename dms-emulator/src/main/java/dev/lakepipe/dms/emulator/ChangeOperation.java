package dev.lakepipe.dms.emulator;

/** A captured change: the {@code Op} letter DMS writes and the {@code $AR_H_OPERATION} value. */
enum ChangeOperation {
    INSERT("I"),
    UPDATE("U"),
    DELETE("D");

    private final String op;

    ChangeOperation(String op) {
        this.op = op;
    }

    String op() {
        return op;
    }
}
