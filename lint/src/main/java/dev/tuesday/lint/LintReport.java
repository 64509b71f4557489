package dev.tuesday.lint;

import java.util.List;

/**
 * The outcome of linting: every finding in file order, the files read, and the severity at which
 * lint fails.
 *
 * @param findings the findings
 * @param files the files linted, in order
 * @param failOn the lowest severity that fails the run, or {@code null} for never
 */
public record LintReport(List<Finding> findings, List<String> files, Severity failOn) {

    /** Copies the lists. */
    public LintReport {
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    /** Whether a finding at or above {@link #failOn()} is present: the run fails. */
    public boolean failed() {
        return failOn != null && findings.stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0);
    }

    /** The findings of rule {@code rule}. */
    public List<Finding> of(String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
