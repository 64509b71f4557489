package dev.tuesday.migrate.schema;

/**
 * Thrown by an operation's {@link dev.tuesday.migrate.op.Operation#validate} when it does not fit
 * the schema (made by {@link ValidationContext#problem}); {@link MigrationValidator} turns it into a
 * {@link dev.tuesday.migrate.ValidationException} carrying the file and operation index. It never
 * leaves the validator.
 */
public final class Problem extends RuntimeException {

    final transient ValidationProblem problem;

    Problem(ValidationProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }
}
