package dev.lakepipe.asl;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function argument or call, e.g. {@code States.Format('{}', $.name)}. */
public sealed interface IntrinsicExpression {

    /** A literal: a quoted string (escapes resolved), number, boolean or null. */
    record Literal(JsonNode value, String formatTemplate) implements IntrinsicExpression {
        public Literal {
            requireNonNull(value, "value is null");
        }
    }

    /** A {@code $...} or {@code $$...} path, read when the call is evaluated. */
    record PathArgument(String path) implements IntrinsicExpression {
        public PathArgument {
            requireNonNull(path, "path is null");
        }
    }

    record Call(String function, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }
    }
}
