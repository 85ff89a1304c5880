package dev.lakepipe.local.emr;

import dev.lakepipe.LakepipeException;

/**
 * A step died for want of a class that an EMR node has only in a jar the step did not name in {@code --jars}: on EMR
 * it would die the same way. The local EMR appends it to the step's stderr, where it becomes the step's failure reason.
 */
public final class MissingEmrJarException extends LakepipeException {

    public MissingEmrJarException(String className, String nodeJar) {
        super(
                "class %s is on no classpath of this step: EMR has it only in %s, which a step gets by asking for it; add"
                        + " --jars %s to the step's spark-submit (the planner does for every Hudi step)",
                className, nodeJar, nodeJar);
    }
}
