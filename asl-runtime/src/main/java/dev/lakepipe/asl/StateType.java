package dev.lakepipe.asl;

import java.util.Arrays;
import java.util.Optional;

/** The eight ASL state types, named as in {@code "Type"} and in history events ({@code TaskStateEntered}). */
public enum StateType {
    TASK("Task"),
    PASS("Pass"),
    CHOICE("Choice"),
    WAIT("Wait"),
    SUCCEED("Succeed"),
    FAIL("Fail"),
    PARALLEL("Parallel"),
    MAP("Map");

    private final String aslName;

    StateType(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    public static Optional<StateType> fromAslName(String name) {
        return Arrays.stream(values()).filter(type -> type.aslName.equals(name)).findFirst();
    }
}
