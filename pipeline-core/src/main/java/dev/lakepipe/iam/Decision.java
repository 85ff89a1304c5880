package dev.lakepipe.iam;

import java.util.Optional;

/** The outcome of evaluating one request: allowed by a statement, denied by one, or denied because nothing allows it. */
public sealed interface Decision {

    boolean allowed();

    /** The statement that decided, when one did. */
    Optional<PolicyStatement> statement();

    record Allowed(PolicyStatement by) implements Decision {
        @Override
        public boolean allowed() {
            return true;
        }

        @Override
        public Optional<PolicyStatement> statement() {
            return Optional.of(by);
        }
    }

    record ExplicitDeny(PolicyStatement by) implements Decision {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public Optional<PolicyStatement> statement() {
            return Optional.of(by);
        }
    }

    record ImplicitDeny() implements Decision {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public Optional<PolicyStatement> statement() {
            return Optional.empty();
        }
    }
}
