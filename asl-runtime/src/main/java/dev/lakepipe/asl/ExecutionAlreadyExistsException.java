package dev.lakepipe.asl;

import dev.lakepipe.LakepipeException;
import java.nio.file.Path;
import java.util.Optional;

/** StartExecution with a name already used (Step Functions' ExecutionAlreadyExists). */
public class ExecutionAlreadyExistsException extends LakepipeException {

    public ExecutionAlreadyExistsException(String executionArn, Optional<Path> directory) {
        super(
                "Cannot start execution %s: an execution of that name already exists%s; choose another name",
                executionArn, directory.map(path -> " (" + path + ")").orElse(""));
    }
}
