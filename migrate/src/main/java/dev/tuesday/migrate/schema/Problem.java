package dev.tuesday.migrate.schema;

/**
 * Thrown inside the validator when an operation does not fit; {@link MigrationValidator} turns it
 * into a {@link dev.tuesday.migrate.ValidationException} carrying the file and operation index.
 */
final class Problem extends RuntimeException {

    final transient ValidationProblem problem;

    Problem(ValidationProblem problem) {
        super(problem.message(), null, false, false);
        this.problem = problem;
    }
}
